using System;
using System.Management.Automation;
using Igtimi.Client;
using Igtimi.Client.Emulator;
using IgtimiPS.Base;
using IgtimiPS.Emulator;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Emulator
{
    /// <summary>Finds the Igtimi emulator (the Igtimi.Emulator .NET tool), starts it on a loopback port and waits until it serves.</summary>
    [Cmdlet(VerbsLifecycle.Start, "IgtimiEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(IgtimiEmulator))]
    public sealed class StartIgtimiEmulatorCmdlet : IgtimiCmdlet
    {
        [Parameter(Position = 0)]
        public IgtimiServerFlavor Flavor { get; set; } = IgtimiServerFlavor.Igtimi;

        /// <summary>The loopback port; 0 (the default) picks a free one.</summary>
        [Parameter]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>The igtimi-emulator program, Igtimi.Emulator.dll, or a folder holding either.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        [Parameter]
        public int Seed { get; set; } = 1;

        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 60;

        protected override void EndProcessing()
        {
            IgtimiEmulatorCommand command;
            try
            {
                var path = Path is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
                command = IgtimiEmulatorCommand.Find(path, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
            }
            catch (IgtimiEmulatorException ex)
            {
                ThrowTerminatingError(ToErrorRecord(ex, Path));
                return;
            }
            if (!ShouldProcess($"{command.Path} ({Flavor}, port {(Port == 0 ? "free" : Port.ToString(System.Globalization.CultureInfo.InvariantCulture))})",
                    "Start the Igtimi emulator")) return;
            WriteVerbose($"Starting the Igtimi emulator {command.Path} (found by {command.Source}).");
            try
            {
                RunAsync(async cancellationToken =>
                {
                    var process = await IgtimiEmulatorProcess.StartAsync(command, Flavor, Port, Seed, TimeSpan.FromSeconds(TimeoutSec), cancellationToken)
                        .ConfigureAwait(false);
                    EmitVerbose($"The Igtimi emulator serves {process.BaseUri} (process {process.ProcessId}).");
                    Emit(new IgtimiEmulator(process));
                });
            }
            catch (IgtimiEmulatorException ex)
            {
                ThrowTerminatingError(ToErrorRecord(ex, command.Path));
            }
        }

        private static ErrorRecord ToErrorRecord(IgtimiEmulatorException ex, object? target) =>
            ex.Failure == IgtimiEmulatorFailure.NotFound
                ? ErrorRecords.Create(ex.Message, ErrorIds.EmulatorNotFound, ErrorCategory.ObjectNotFound, target, IgtimiEmulatorCommand.InstallAdvice, ex)
                : ErrorRecords.Create(ex.Message, ErrorIds.EmulatorStartFailed, ErrorCategory.OpenError, target,
                    "See what the emulator wrote in the message. A port in use needs another -Port (or 0 for a free one); " +
                    "a missing .NET 10 runtime needs installing; a slow machine may need a longer -TimeoutSec.", ex);
    }
}
