namespace Igtimi.Client.Emulator
{
    /// <summary>One seeded user of the emulator: how it signs in and its pre-issued access token.</summary>
    public sealed class IgtimiEmulatorAccount
    {
        internal IgtimiEmulatorAccount(string role, string userName, string password, string accessToken)
        {
            Role = role;
            UserName = userName;
            Password = password;
            AccessToken = accessToken;
        }

        /// <summary>owner, coach or outsider.</summary>
        public string Role { get; }

        /// <summary>The sign-in name: an e-mail address in the igtimi.com flavor, a user name in the SAP flavor.</summary>
        public string UserName { get; }

        public string Password { get; }

        public string AccessToken { get; }
    }

    /// <summary>
    /// The emulator's fixed, emulator-only test accounts (its README and src/Igtimi.Emulator/World/EmulatorCredentials.cs).
    /// Written out again here rather than shared: the emulator shares no code with the client
    /// (docs/design/architecture.md section 4); the package round-trip test signs in with each.
    /// </summary>
    public static class IgtimiEmulatorAccounts
    {
        /// <summary>The emulator's demo OAuth application (igtimi.com flavor only; the SAP flavor has no OAuth).</summary>
        public const string ClientId = "dd57b25f8bcc9fd456a8283e5f17820d83439e8d1e783df1c8c8cd26f651d431";

        public const string ClientSecret = "a61b51ab621c9f15d73b91dc6889166d1a48a53fecd5e485da6d0fc815976bef";

        /// <summary>The owner, coach and outsider accounts of a flavor.</summary>
        public static IgtimiEmulatorAccount[] For(IgtimiServerFlavor flavor) =>
            flavor == IgtimiServerFlavor.Sap
                ? new[]
                {
                    new IgtimiEmulatorAccount("owner", "owner", "owner-pass", "K-Dl29wEwaFKipRGesKDOO5uxwgHDJXOSij32kI4ep4"),
                    new IgtimiEmulatorAccount("coach", "coach", "coach-pass", "L4P7E_t90bPULj9QKJJvxDI-hRpVsRqfnRcuefHKUr8"),
                    new IgtimiEmulatorAccount("outsider", "outsider", "outsider-pass", "IextCC9S4LXKHft5SKoTTv1XFcDoV-bcuUBUBl-lP5w"),
                }
                : new[]
                {
                    new IgtimiEmulatorAccount("owner", "owner@emulator.igtimi.test", "owner-pass",
                        "7ea3784f283ea5c7feea1931db62c5f72d33f7805424814a9660250739f5d60c"),
                    new IgtimiEmulatorAccount("coach", "coach@emulator.igtimi.test", "coach-pass",
                        "9bb5053c3a4712f4f5f520860513d0f78f97700205e85ba712ae06672e328801"),
                    new IgtimiEmulatorAccount("outsider", "outsider@emulator.igtimi.test", "outsider-pass",
                        "dfd41abce6a49c5c269561c819f19486601245a0bfd8c7cefabf75bce1ffc203"),
                };
    }
}
