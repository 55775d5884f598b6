using System;

namespace Igtimi.Client.Emulator
{
    /// <summary>Why the emulator could not be found or started.</summary>
    public enum IgtimiEmulatorFailure
    {
        /// <summary>No emulator at the given path, in IGTIMI_EMULATOR, on PATH, in ~/.dotnet/tools or in a local tool manifest.</summary>
        NotFound,

        /// <summary>It was found but exited, or printed no base URL before the deadline.</summary>
        StartFailed,
    }

    /// <summary>The emulator could not be found or started; the message says what to do.</summary>
    public sealed class IgtimiEmulatorException : Exception
    {
        public IgtimiEmulatorException(IgtimiEmulatorFailure failure, string message, Exception? inner = null)
            : base(message, inner) => Failure = failure;

        public IgtimiEmulatorFailure Failure { get; }
    }
}
