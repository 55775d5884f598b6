using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Igtimi.Client.Emulator
{
    /// <summary>
    /// A running emulator process: started on a loopback port, ready once it has printed its base URL (the emulator
    /// prints it only after the server listens), stopped by killing it. Every emulator a process starts is stopped
    /// when that process exits, or by <see cref="StopAll"/>.
    /// </summary>
    public sealed class IgtimiEmulatorProcess : IDisposable
    {
        private const int StandardErrorLines = 20;
        private static readonly List<IgtimiEmulatorProcess> Started = new List<IgtimiEmulatorProcess>();
        private static int _exitHookInstalled;

        private readonly Process _process;
        private readonly Queue<string> _standardError = new Queue<string>();

        private IgtimiEmulatorProcess(Process process, IgtimiEmulatorCommand command, IgtimiServerFlavor flavor)
        {
            _process = process;
            Command = command;
            Flavor = flavor;
            ProcessId = process.Id;
            StartTime = DateTimeOffset.UtcNow;
        }

        public IgtimiEmulatorCommand Command { get; }

        public IgtimiServerFlavor Flavor { get; }

        public int ProcessId { get; }

        public DateTimeOffset StartTime { get; }

        /// <summary>The root the emulator serves, with a trailing slash; set once it is ready.</summary>
        public Uri BaseUri { get; private set; } = null!;

        public bool HasExited
        {
            get
            {
                try { return _process.HasExited; }
                catch (InvalidOperationException) { return true; }   // disposed: stopped by us
            }
        }

        /// <summary>The emulators this process started that have not been stopped yet.</summary>
        public static IgtimiEmulatorProcess[] Running
        {
            get { lock (Started) return Started.ToArray(); }
        }

        /// <summary>Starts the emulator on 127.0.0.1:<paramref name="port"/> (0: a free port) and waits until it is ready.</summary>
        public static async Task<IgtimiEmulatorProcess> StartAsync(IgtimiEmulatorCommand command, IgtimiServerFlavor flavor, int port, int seed,
            TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (port < 0 || port > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "A port is 0 to 65535.");
            var arguments = command.LeadingArguments.Concat(new[]
            {
                "--urls", "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
                "--flavor", flavor == IgtimiServerFlavor.Sap ? "sap" : "igtimi",
                "--seed", seed.ToString(CultureInfo.InvariantCulture),
            });
            var info = new ProcessStartInfo(command.FileName, JoinArguments(arguments))
            {
                UseShellExecute = false,
                CreateNoWindow = true,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            SetDotnetRoot(info, command);
            Process process;
            try
            {
                process = Process.Start(info) ?? throw new InvalidOperationException("no process was started");
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception || ex is InvalidOperationException)
            {
                throw new IgtimiEmulatorException(IgtimiEmulatorFailure.StartFailed,
                    $"The Igtimi emulator '{command.FileName}' ({command.Source}) could not be started: {ex.Message}. " +
                    IgtimiEmulatorCommand.InstallAdvice, ex);
            }

            var emulator = new IgtimiEmulatorProcess(process, command, flavor);
            Track(emulator);
            try
            {
                emulator.BaseUri = await emulator.WaitUntilReadyAsync(timeout, cancellationToken).ConfigureAwait(false);
                return emulator;
            }
            catch
            {
                emulator.Stop(TimeSpan.FromSeconds(5));
                throw;
            }
        }

        // The tool's igtimi-emulator is an apphost, which finds the .NET runtime through DOTNET_ROOT or the system's
        // registered install; a dotnet installed only in a user folder (CI, dotnet-install.sh) is neither.
        private static void SetDotnetRoot(ProcessStartInfo info, IgtimiEmulatorCommand command)
        {
            if (command.LeadingArguments.Count > 0 || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT"))) return;
            try
            {
                var root = System.IO.Path.GetDirectoryName(IgtimiEmulatorCommand.FindDotnet());
                // Only a real install folder: dotnet on PATH is often a link (/usr/bin/dotnet) to one elsewhere.
                if (!string.IsNullOrEmpty(root) && System.IO.Directory.Exists(System.IO.Path.Combine(root, "host", "fxr")))
                    info.EnvironmentVariables["DOTNET_ROOT"] = root;
            }
            catch (IgtimiEmulatorException)
            {
                return;   // no dotnet host known here: the apphost's own search is all that is left
            }
        }

        private async Task<Uri> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var standardError = DrainStandardErrorAsync();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (deadline.Token.Register(() => cancelled.TrySetResult(true)))
            {
                while (true)
                {
                    var read = _process.StandardOutput.ReadLineAsync();
                    if (await Task.WhenAny(read, cancelled.Task).ConfigureAwait(false) != read)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        throw Failed($"The Igtimi emulator ({Command.Path}) did not report ready within {timeout.TotalSeconds:0.#} s.");
                    }
                    var line = await read.ConfigureAwait(false);
                    if (line is null)
                    {
                        _process.WaitForExit(5000);
                        // Its last words on stderr arrive just before or after the exit; give them a moment.
                        await Task.WhenAny(standardError, Task.Delay(2000, CancellationToken.None)).ConfigureAwait(false);
                        throw Failed($"The Igtimi emulator ({Command.Path}) exited{ExitCodeText()} before it was ready.");
                    }
                    line = line.Trim();
                    if (Uri.TryCreate(line, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                    {
                        // Nothing else is expected on stdout; keep draining it so the emulator never blocks on a full pipe.
                        _ = _process.StandardOutput.BaseStream.CopyToAsync(System.IO.Stream.Null);
                        return line.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(line + "/");
                    }
                }
            }
        }

        private string ExitCodeText()
        {
            try { return _process.HasExited ? $" with exit code {_process.ExitCode}" : ""; }
            catch (InvalidOperationException) { return ""; }
        }

        private IgtimiEmulatorException Failed(string message)
        {
            string[] lines;
            lock (_standardError) lines = _standardError.ToArray();
            var said = lines.Length == 0 ? "" : " It wrote: " + string.Join(" | ", lines);
            return new IgtimiEmulatorException(IgtimiEmulatorFailure.StartFailed, message + said);
        }

        private async Task DrainStandardErrorAsync()
        {
            try
            {
                string? line;
                while ((line = await _process.StandardError.ReadLineAsync().ConfigureAwait(false)) != null)
                {
                    lock (_standardError)
                    {
                        _standardError.Enqueue(line);
                        while (_standardError.Count > StandardErrorLines) _standardError.Dequeue();
                    }
                }
            }
            catch (Exception ex) when (ex is ObjectDisposedException || ex is InvalidOperationException || ex is System.IO.IOException)
            {
                return;   // stopped and disposed: nobody is left to read its messages
            }
        }

        /// <summary>Kills the emulator and waits up to <paramref name="timeout"/> for it to exit; true when it is gone.</summary>
        public bool Stop(TimeSpan timeout)
        {
            lock (Started) Started.Remove(this);
            try
            {
                if (!_process.HasExited) _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill, or was disposed by an earlier Stop.
            }
            catch (System.ComponentModel.Win32Exception) when (HasExited)
            {
                // Windows refuses to kill a process that is exiting already.
            }
            bool gone;
            try { gone = _process.WaitForExit((int)Math.Min(int.MaxValue, Math.Max(0, timeout.TotalMilliseconds))); }
            catch (InvalidOperationException) { gone = true; }   // disposed by an earlier Stop
            if (gone) _process.Dispose();
            return gone;
        }

        /// <summary>Stops every emulator this process started and has not stopped yet.</summary>
        public static void StopAll(TimeSpan timeout)
        {
            foreach (var emulator in Running) emulator.Stop(timeout);
        }

        public void Dispose() => Stop(TimeSpan.FromSeconds(10));

        public override string ToString() => $"Igtimi emulator ({Flavor}) at {BaseUri} (process {ProcessId})";

        private static void Track(IgtimiEmulatorProcess emulator)
        {
            lock (Started) Started.Add(emulator);
            if (Interlocked.Exchange(ref _exitHookInstalled, 1) == 0)
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll(TimeSpan.FromSeconds(2));
        }

        /// <summary>One command line from separate arguments, quoted the way both Windows and .NET on Unix split them again.</summary>
        internal static string JoinArguments(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

        private static string Quote(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"' }) < 0) return argument;
            var quoted = new StringBuilder("\"");
            int backslashes = 0;
            foreach (char c in argument)
            {
                if (c == '\\') { backslashes++; continue; }
                if (c == '"') quoted.Append('\\', backslashes * 2 + 1);
                else quoted.Append('\\', backslashes);
                backslashes = 0;
                quoted.Append(c);
            }
            quoted.Append('\\', backslashes * 2);
            return quoted.Append('"').ToString();
        }
    }
}
