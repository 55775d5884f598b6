using System.Net;
using System.Text.Json;
using Xunit;

namespace Igtimi.Client.Tests.Emulator;

/// <summary>The emulator's side of PKCE (RFC 7636 section 4.6): a code issued for a challenge is redeemed only with its verifier.</summary>
public sealed class OauthPkceTests : IClassFixture<EmulatorFixture>
{
    // RFC 7636 appendix B.
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private const string Redirect = "http://127.0.0.1:49152/callback";

    private readonly EmulatorFixture _emulator;

    public OauthPkceTests(EmulatorFixture emulator) => _emulator = emulator;

    private async Task<string> IssueCodeAsync(string? challenge, string? method)
    {
        var query = $"response_type=code&client_id={EmulatorFixture.DemoClientId}&redirect_uri={Uri.EscapeDataString(Redirect)}&state=s1";
        if (challenge != null) query += "&code_challenge=" + challenge;
        if (method != null) query += "&code_challenge_method=" + method;
        using var browser = new BrowserPlayer();
        var (location, _) = await browser.SignInAndApproveAsync(new Uri(_emulator.BaseUri, "oauth/authorize?" + query));
        var code = System.Text.RegularExpressions.Regex.Match(location!.Query, "[?&]code=([^&]+)");
        Assert.True(code.Success, location.AbsoluteUri);
        return code.Groups[1].Value;
    }

    private async Task<(HttpStatusCode Status, string? Error)> RedeemAsync(string code, string? verifier)
    {
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Redirect,
            ["client_id"] = EmulatorFixture.DemoClientId, ["client_secret"] = EmulatorFixture.DemoClientSecret,
        };
        if (verifier != null) fields["code_verifier"] = verifier;
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(_emulator.BaseUri, "oauth/token"), new FormUrlEncodedContent(fields));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null);
    }

    [Fact]
    public async Task A_S256_code_needs_its_verifier_and_a_wrong_or_missing_one_leaves_it_unused()
    {
        var code = await IssueCodeAsync(Challenge, "S256");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RedeemAsync(code, null));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RedeemAsync(code, Verifier.Replace('d', 'e')));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RedeemAsync(code, Challenge));
        Assert.Equal((HttpStatusCode.OK, null), await RedeemAsync(code, Verifier));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RedeemAsync(code, Verifier));
    }

    [Fact]
    public async Task A_plain_challenge_is_the_verifier_itself()
    {
        var code = await IssueCodeAsync(Verifier, null);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RedeemAsync(code, Challenge));
        Assert.Equal((HttpStatusCode.OK, null), await RedeemAsync(code, Verifier));
    }

    [Fact]
    public async Task A_code_without_a_challenge_needs_no_verifier_as_on_igtimi_com()
    {
        var code = await IssueCodeAsync(null, null);
        Assert.Equal((HttpStatusCode.OK, null), await RedeemAsync(code, null));
    }

    [Theory]
    [InlineData("S512")]
    [InlineData("short")]
    public async Task A_bad_challenge_or_method_is_redirected_back_as_invalid_request(string what)
    {
        var query = $"response_type=code&client_id={EmulatorFixture.DemoClientId}&redirect_uri={Uri.EscapeDataString(Redirect)}&state=s1" +
                    (what == "S512" ? $"&code_challenge={Challenge}&code_challenge_method=S512" : "&code_challenge=short&code_challenge_method=S256");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await http.GetAsync(new Uri(_emulator.BaseUri, "oauth/authorize?" + query));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(Redirect + "?error=invalid_request", response.Headers.Location!.AbsoluteUri);
        Assert.Contains("state=s1", response.Headers.Location!.Query);
    }
}
