using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Auth;
using IgtimiPS.Base;

namespace IgtimiPS.Connections
{
    /// <summary>Browser, paste-back and messages of the interactive sign-ins, through a cmdlet's host.</summary>
    internal sealed class HostSignInInteraction : IAuthorizationInteraction
    {
        private readonly IgtimiCmdlet _cmdlet;

        public HostSignInInteraction(IgtimiCmdlet cmdlet) => _cmdlet = cmdlet;

        public bool TryOpenBrowser(Uri authorizeUri)
        {
            var opened = BrowserLauncher.TryOpen(authorizeUri);
            if (opened) _cmdlet.EmitVerbose("Opened the sign-in page in a browser.");
            return opened;
        }

        public Task<string> ReadPastedResponseAsync(Uri authorizeUri, string instructions, CancellationToken cancellationToken) =>
            _cmdlet.InvokeOnPipelineAsync(() =>
            {
                _cmdlet.WriteInformation(new HostInformationMessage { Message = "Sign-in URL: " + authorizeUri.AbsoluteUri }, new[] { "PSHOST" });
                _cmdlet.WriteInformation(new HostInformationMessage { Message = instructions + ":" }, new[] { "PSHOST" });
                string? line;
                try
                {
                    line = _cmdlet.Host.UI.ReadLine();
                }
                catch (Exception ex) when (ex is PSInvalidOperationException || ex is HostException || ex is NotImplementedException)
                {
                    throw new ArgumentException("Copy-and-paste sign-in needs an interactive session. " +
                                                "In automation use -AccessToken, -Credential with -ClientId, or the IGTIMI_* environment variables.", ex);
                }
                if (string.IsNullOrWhiteSpace(line)) throw new ArgumentException("Nothing was pasted; the sign-in was abandoned.");
                return line!;
            });

        public void Inform(string message) => _cmdlet.EmitHostMessage(message);
    }
}
