using System;

namespace Igtimi.Client.Models
{
    /// <summary>One live (WebSocket) server of a server, in the order to try it.</summary>
    public sealed class IgtimiLiveServer
    {
        public IgtimiLiveServer(int order, Uri uri)
        {
            Order = order;
            Uri = uri ?? throw new ArgumentNullException(nameof(uri));
        }

        public int Order { get; }
        public Uri Uri { get; }
        public bool IsSecure => Uri.Scheme == "wss";

        public override string ToString() => Uri.AbsoluteUri;
    }
}
