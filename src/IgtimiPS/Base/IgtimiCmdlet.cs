using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Http;

namespace IgtimiPS.Base
{
    /// <summary>
    /// Base of every IgtimiPS cmdlet: runs async client code on a worker while every Write* call
    /// happens on the pipeline thread, and cancels that work at once on Ctrl+C (StopProcessing).
    /// </summary>
    public abstract class IgtimiCmdlet : PSCmdlet, IDisposable
    {
        private const int QueueCapacity = 4096;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private BlockingCollection<Action>? _queue;
        private int _pipelineThreadId;
        private bool _wantsVerbose = true, _wantsDebug = true;

        /// <summary>Cancelled when the user presses Ctrl+C (StopProcessing); pass it to any long work.</summary>
        protected CancellationToken CancellationToken => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>
        /// Runs <paramref name="work"/> off the pipeline thread and pumps its output here until it ends.
        /// Exceptions of the work are rethrown on the pipeline thread.
        /// </summary>
        protected void RunAsync(Func<CancellationToken, Task> work)
        {
            _pipelineThreadId = Environment.CurrentManagedThreadId;
            // A message nobody will see is not queued: every queued item wakes the pipeline thread, and a download logs
            // each request.
            _wantsVerbose = Wants("Verbose", "VerbosePreference");
            _wantsDebug = Wants("Debug", "DebugPreference");
            using var queue = new BlockingCollection<Action>(QueueCapacity);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            _queue = queue;
            var previousListener = IgtimiTrace.Current;
            IgtimiTrace.Current = new PumpTraceListener(this);
            Task task;
            try
            {
                task = Task.Run(() => work(linked.Token), linked.Token);
            }
            finally
            {
                IgtimiTrace.Current = previousListener;
            }
            task.ContinueWith(_ => queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

            try
            {
                foreach (var action in queue.GetConsumingEnumerable()) action();
            }
            catch
            {
                // The consumer failed (a downstream error or a stopped pipeline): stop the producer too.
                linked.Cancel();
                throw;
            }
            finally
            {
                _queue = null;
            }

            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Whether Write-Verbose (Write-Debug) of this command would show: its -Verbose switch, else the preference in scope.</summary>
        private bool Wants(string commonParameter, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(commonParameter, out var bound))
                return bound is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(bound);
            var preference = GetVariableValue(preferenceVariable);
            if (preference is ActionPreference value) return value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore;
            if (preference != null && Enum.TryParse(preference.ToString(), true, out ActionPreference parsed))
                return parsed != ActionPreference.SilentlyContinue && parsed != ActionPreference.Ignore;
            return true;
        }

        /// <summary>Runs <paramref name="action"/> on the pipeline thread: directly there, queued from a worker.</summary>
        protected void Post(Action action)
        {
            var queue = _queue;
            if (queue is null || Environment.CurrentManagedThreadId == _pipelineThreadId)
            {
                action();
                return;
            }
            try
            {
                queue.Add(action, _stopping.Token);
            }
            catch (InvalidOperationException)
            {
                throw new OperationCanceledException("The pipeline stopped reading this cmdlet's output.");
            }
        }

        /// <summary>Runs a function on the pipeline thread (host prompts, ShouldProcess) and returns its result.</summary>
        protected internal Task<T> InvokeOnPipelineAsync<T>(Func<T> function)
        {
            var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(() =>
            {
                try { completion.SetResult(function()); }
                catch (Exception ex) { completion.SetException(ex); }
            });
            return completion.Task;
        }

        protected void Emit(object? item) => Post(() => WriteObject(item));

        protected internal void EmitVerbose(string message)
        {
            if (_wantsVerbose) Post(() => WriteVerbose(message));
        }

        protected void EmitWarning(string message) => Post(() => WriteWarning(message));

        protected void EmitProgress(ProgressRecord record) => Post(() => WriteProgress(record));

        /// <summary>Shows a message to the user the way Write-Host does (information stream, PSHOST tag).</summary>
        protected internal void EmitHostMessage(string message) =>
            Post(() => WriteInformation(new HostInformationMessage { Message = message }, new[] { "PSHOST" }));

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases what a cmdlet holds (files, spools); PowerShell calls Dispose when the pipeline ends, also after Ctrl+C.</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposing) _stopping.Dispose();
        }

        private sealed class PumpTraceListener : IIgtimiTraceListener
        {
            private readonly IgtimiCmdlet _cmdlet;

            public PumpTraceListener(IgtimiCmdlet cmdlet) => _cmdlet = cmdlet;

            public void Verbose(string message)
            {
                if (_cmdlet._wantsVerbose) _cmdlet.TryPost(() => _cmdlet.WriteVerbose(message));
            }

            public void Debug(string message)
            {
                if (_cmdlet._wantsDebug) _cmdlet.TryPost(() => _cmdlet.WriteDebug(message));
            }
            public void Warning(string message) => _cmdlet.TryPost(() => _cmdlet.WriteWarning(message));
        }

        /// <summary>Diagnostics after the pump has ended are dropped on purpose: there is no stream left to write to.</summary>
        protected void TryPost(Action action)
        {
            var queue = _queue;
            if (queue is null || queue.IsAddingCompleted) return;
            if (Environment.CurrentManagedThreadId == _pipelineThreadId) { action(); return; }
            try { queue.Add(action, _stopping.Token); }
            catch (InvalidOperationException) { return; }
            catch (OperationCanceledException) { return; }
        }
    }
}
