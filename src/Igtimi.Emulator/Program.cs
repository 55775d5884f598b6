using System.Runtime.InteropServices;
using Igtimi.Emulator;
using Igtimi.Emulator.Hosting;

// stdout carries exactly one line, the bound base URL; human messages go to stderr.
var parsed = CommandLine.Parse(args);
if (parsed.HelpRequested)
{
    Console.Out.Write(CommandLine.Usage);
    return 0;
}
if (parsed.Options is not { } options)
{
    Console.Error.WriteLine($"Igtimi.Emulator: {parsed.Error}");
    Console.Error.WriteLine("Run with --help for usage.");
    return 2;
}

var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stopRequested.TrySetResult();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

RunningEmulator emulator;
try
{
    emulator = await EmulatorHost.StartAsync(options);
}
catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException or UriFormatException)
{
    Console.Error.WriteLine($"Igtimi.Emulator: cannot listen on '{options.Urls}': {ex.Message}");
    return 1;
}

await using (emulator)
{
    Console.Out.WriteLine(emulator.BaseUri);
    Console.Out.Flush();
    Console.Error.WriteLine($"Igtimi emulator listening on {emulator.BaseUri} ({options}). Press Ctrl+C to stop.");
    await stopRequested.Task;
    await emulator.StopAsync();
}
return 0;
