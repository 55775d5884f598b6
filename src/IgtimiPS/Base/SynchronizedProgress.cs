using System;

namespace IgtimiPS.Base
{
    /// <summary>
    /// Takes progress reports from several workers at once and hands them on one at a time (unlike
    /// Progress&lt;T&gt;, which needs a synchronization context a cmdlet does not have).
    /// </summary>
    internal sealed class SynchronizedProgress<T> : IProgress<T>
    {
        private readonly Action<T> _report;
        private readonly object _gate = new object();

        public SynchronizedProgress(Action<T> report) => _report = report;

        public void Report(T value)
        {
            lock (_gate) _report(value);
        }
    }
}
