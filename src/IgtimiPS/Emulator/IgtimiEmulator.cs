using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Igtimi.Client;
using Igtimi.Client.Emulator;

namespace IgtimiPS.Emulator
{
    /// <summary>
    /// An emulator started by Start-IgtimiEmulator: where it listens, and the seeded emulator-only accounts a test
    /// signs in with (Connect-Igtimi -BaseUri $e.BaseUri -Credential $e.OwnerCredential -ClientId $e.ClientId ...).
    /// </summary>
    public sealed class IgtimiEmulator
    {
        internal IgtimiEmulator(IgtimiEmulatorProcess process)
        {
            Process = process;
            var accounts = IgtimiEmulatorAccounts.For(process.Flavor);
            var owner = accounts.Single(a => a.Role == "owner");
            var coach = accounts.Single(a => a.Role == "coach");
            var outsider = accounts.Single(a => a.Role == "outsider");
            OwnerCredential = ToCredential(owner);
            CoachCredential = ToCredential(coach);
            OutsiderCredential = ToCredential(outsider);
            OwnerToken = owner.AccessToken;
            CoachToken = coach.AccessToken;
            OutsiderToken = outsider.AccessToken;
            if (process.Flavor == IgtimiServerFlavor.Igtimi)
            {
                ClientId = IgtimiEmulatorAccounts.ClientId;
                ClientSecret = IgtimiEmulatorAccounts.ClientSecret;
            }
        }

        internal IgtimiEmulatorProcess Process { get; }

        public Uri BaseUri => Process.BaseUri;

        public IgtimiServerFlavor Flavor => Process.Flavor;

        public int ProcessId => Process.ProcessId;

        /// <summary>The emulator program or dll that runs.</summary>
        public string Path => Process.Command.Path;

        /// <summary>Where Start-IgtimiEmulator found it: -Path, IGTIMI_EMULATOR, PATH, ~/.dotnet/tools or a tool manifest.</summary>
        public string Source => Process.Command.Source;

        public DateTimeOffset StartTime => Process.StartTime;

        public bool IsRunning => !Process.HasExited;

        public PSCredential OwnerCredential { get; }

        public PSCredential CoachCredential { get; }

        public PSCredential OutsiderCredential { get; }

        /// <summary>Pre-issued access tokens (emulator-only test values, the same on every start) for Connect-Igtimi -AccessToken.</summary>
        public string OwnerToken { get; }

        public string CoachToken { get; }

        public string OutsiderToken { get; }

        /// <summary>The demo OAuth application for the password and code grants; none in the SAP flavor, which has no OAuth.</summary>
        public string? ClientId { get; }

        public string? ClientSecret { get; }

        public override string ToString() => Process.ToString();

        private static PSCredential ToCredential(IgtimiEmulatorAccount account)
        {
            var password = new SecureString();
            foreach (char c in account.Password) password.AppendChar(c);
            password.MakeReadOnly();
            return new PSCredential(account.UserName, password);
        }
    }
}
