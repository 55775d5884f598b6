using System;
using System.Threading;
using System.Threading.Tasks;

namespace Igtimi.Client.Auth
{
    /// <summary>What an interactive grant needs from its host: a browser, a place to paste, a way to tell the user.</summary>
    public interface IAuthorizationInteraction
    {
        /// <summary>Opens the URI in a browser; false when no browser could be started.</summary>
        bool TryOpenBrowser(Uri authorizeUri);

        /// <summary>Shows the URI and instructions and returns what the user pasted.</summary>
        Task<string> ReadPastedResponseAsync(Uri authorizeUri, string instructions, CancellationToken cancellationToken);

        void Inform(string message);
    }
}
