using System.Threading;

namespace Igtimi.Client.Http
{
    /// <summary>Receives diagnostic lines. Lines are already redacted.</summary>
    public interface IIgtimiTraceListener
    {
        void Verbose(string message);
        void Debug(string message);
        void Warning(string message);
    }

    /// <summary>
    /// The listener of the current logical call. The host (a cmdlet) sets it for the duration of one
    /// operation; it flows through awaits, so concurrent operations on one connection stay apart.
    /// </summary>
    public static class IgtimiTrace
    {
        private static readonly AsyncLocal<IIgtimiTraceListener?> CurrentListener = new AsyncLocal<IIgtimiTraceListener?>();

        public static IIgtimiTraceListener? Current
        {
            get => CurrentListener.Value;
            set => CurrentListener.Value = value;
        }

        internal static void Verbose(string message) => CurrentListener.Value?.Verbose(message);
        internal static void Debug(string message) => CurrentListener.Value?.Debug(message);
        internal static void Warning(string message) => CurrentListener.Value?.Warning(message);
    }
}
