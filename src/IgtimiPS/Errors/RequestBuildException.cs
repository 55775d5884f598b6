using System;

namespace IgtimiPS.Errors
{
    /// <summary>A request that cannot be built from the parameters; carries the ErrorId to report.</summary>
    internal sealed class RequestBuildException : ArgumentException
    {
        public RequestBuildException(string errorId, string message, Exception? inner = null) : base(message, inner) => ErrorId = errorId;

        public string ErrorId { get; }
    }
}
