namespace Igtimi.Emulator;

/// <summary>
/// Fixed credentials of the emulator's seeded world. They are emulator-only test values, never real
/// igtimi.com secrets; other projects' tests depend on them, so they do not change with the seed.
/// </summary>
public static class EmulatorCredentials
{
    public const string OwnerEmail = "owner@emulator.igtimi.test";
    public const string OwnerPassword = "owner-pass";
    public const string OwnerToken = "7ea3784f283ea5c7feea1931db62c5f72d33f7805424814a9660250739f5d60c";

    public const string CoachEmail = "coach@emulator.igtimi.test";
    public const string CoachPassword = "coach-pass";
    public const string CoachToken = "9bb5053c3a4712f4f5f520860513d0f78f97700205e85ba712ae06672e328801";

    public const string OutsiderEmail = "outsider@emulator.igtimi.test";
    public const string OutsiderPassword = "outsider-pass";
    public const string OutsiderToken = "dfd41abce6a49c5c269561c819f19486601245a0bfd8c7cefabf75bce1ffc203";

    public const string DemoAppName = "IgtimiPS Demo";
    public const string DemoClientId = "dd57b25f8bcc9fd456a8283e5f17820d83439e8d1e783df1c8c8cd26f651d431";
    public const string DemoClientSecret = "a61b51ab621c9f15d73b91dc6889166d1a48a53fecd5e485da6d0fc815976bef";
    public const string DemoRedirectUris = "urn:ietf:wg:oauth:2.0:oob http://127.0.0.1/callback http://localhost/callback";

    public const string RaceOfficeAppName = "Race Office";
    public const string RaceOfficeClientId = "0636e40a83843bbae6977e1a50f2ca66a9024bf80e595557def5ee8a8c56d1bb";
    public const string RaceOfficeClientSecret = "a9e5db02255d023e1fc913ffb680731a1ad3e6ed578433ad81a8b90e5c044e18";
    public const string RaceOfficeRedirectUris = "https://raceoffice.example/oauth/callback";

    // ---- SAP flavor (docs/design/sap-dialect.md section 2): user names, and one fixed opaque access token per user ----

    public const string OwnerUserName = "owner";
    public const string OwnerSapToken = "K-Dl29wEwaFKipRGesKDOO5uxwgHDJXOSij32kI4ep4";

    public const string CoachUserName = "coach";
    public const string CoachSapToken = "L4P7E_t90bPULj9QKJJvxDI-hRpVsRqfnRcuefHKUr8";

    public const string OutsiderUserName = "outsider";
    public const string OutsiderSapToken = "IextCC9S4LXKHft5SKoTTv1XFcDoV-bcuUBUBl-lP5w";

    /// <summary>SAP's anonymous user: what a gateway request without (valid) credentials runs as.</summary>
    public const string SapAnonymousUserName = "<all>";

    /// <summary>The out-of-band redirect URI: the code or token is shown on a page instead of redirected.</summary>
    public const string OobRedirectUri = "urn:ietf:wg:oauth:2.0:oob";
}
