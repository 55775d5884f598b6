using System.Net;
using Igtimi.Client.Auth;
using Igtimi.Client.Http;
using Xunit;

namespace Igtimi.Client.Tests;

public class GrantTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public GrantTests(EmulatorFixture emulator) => _emulator = emulator;

    [Fact]
    public async Task Password_grant_signs_in_and_reads_the_account()
    {
        using var connection = await IgtimiConnection.ConnectAsync(_emulator.Options(),
            new PasswordGrant(EmulatorFixture.DemoClientId, EmulatorFixture.DemoClientSecret, EmulatorFixture.OwnerEmail,
                EmulatorFixture.OwnerPassword), default);
        Assert.Equal(EmulatorFixture.OwnerEmail, connection.User.Email);
        Assert.Equal("Olivia", connection.User.FirstName);
        Assert.Equal(AuthenticationMethod.Password, connection.AuthenticationMethod);
        Assert.True(connection.IsOpen);
        Assert.DoesNotContain(connection.AccessTokenForProtocol!, connection.ToString());
    }

    [Fact]
    public async Task Wrong_password_is_an_invalid_grant()
    {
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => IgtimiConnection.ConnectAsync(_emulator.Options(),
            new PasswordGrant(EmulatorFixture.DemoClientId, EmulatorFixture.DemoClientSecret, EmulatorFixture.OwnerEmail, "wrong"), default));
        Assert.Equal("invalid_grant", error.ApiError);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.DoesNotContain("wrong", error.Message);
    }

    [Fact]
    public async Task Wrong_client_secret_is_an_invalid_client()
    {
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => IgtimiConnection.ConnectAsync(_emulator.Options(),
            new PasswordGrant(EmulatorFixture.DemoClientId, "nope", EmulatorFixture.OwnerEmail, EmulatorFixture.OwnerPassword), default));
        Assert.Equal("invalid_client", error.ApiError);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_given_token_is_verified_by_reading_the_account()
    {
        using var connection = await IgtimiConnection.ConnectAsync(_emulator.Options(), new AccessTokenGrant(EmulatorFixture.OwnerToken), default);
        Assert.Equal(EmulatorFixture.OwnerEmail, connection.User.Email);
        Assert.Equal(AuthenticationMethod.AccessToken, connection.AuthenticationMethod);
    }

    [Fact]
    public async Task An_unknown_token_is_refused_with_401()
    {
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => IgtimiConnection.ConnectAsync(_emulator.Options(),
            new AccessTokenGrant(new string('a', 64)), default));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.DoesNotContain(new string('a', 64), error.ToString());
    }

    [Fact]
    public async Task Code_grant_with_a_loopback_redirect()
    {
        using var browser = new BrowserPlayer();
        var interaction = new ScriptedInteraction(async uri =>
        {
            var (location, _) = await browser.SignInAndApproveAsync(uri);
            Assert.Equal("127.0.0.1", location!.Host);
            Assert.Contains("code=", location.Query);
            await browser.FollowRedirectAsync(location);
        });
        using var connection = await IgtimiConnection.ConnectAsync(_emulator.Options(),
            new AuthorizationCodeGrant(EmulatorFixture.DemoClientId, EmulatorFixture.DemoClientSecret, "http://127.0.0.1/callback",
                noBrowser: false, interaction), default);
        Assert.Equal(EmulatorFixture.OwnerEmail, connection.User.Email);
        Assert.Equal(AuthenticationMethod.AuthorizationCode, connection.AuthenticationMethod);
        Assert.Matches("redirect_uri=http%3A%2F%2F127.0.0.1%3A[0-9]+%2Fcallback", interaction.OpenedUri!.Query);
        Assert.Matches("state=[0-9a-f]{32}", interaction.OpenedUri!.Query);
        // The emulator binds the code to this challenge, so the sign-in above also proves the verifier matched it.
        Assert.Contains("code_challenge_method=S256", interaction.OpenedUri!.Query);
        Assert.Matches("code_challenge=[A-Za-z0-9_-]{43}(&|$)", interaction.OpenedUri!.Query);
    }

    [Fact]
    public async Task Every_code_sign_in_sends_a_fresh_challenge_and_the_implicit_grant_none()
    {
        var challenges = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var browser = new BrowserPlayer();
            var interaction = new ScriptedInteraction(async uri =>
            {
                var (location, _) = await browser.SignInAndApproveAsync(uri);
                await browser.FollowRedirectAsync(location!);
            });
            using var connection = await IgtimiConnection.ConnectAsync(_emulator.Options(),
                new AuthorizationCodeGrant(EmulatorFixture.DemoClientId, EmulatorFixture.DemoClientSecret, "http://127.0.0.1/callback",
                    noBrowser: false, interaction), default);
            challenges.Add(System.Text.RegularExpressions.Regex.Match(interaction.OpenedUri!.Query, "code_challenge=([^&]+)").Groups[1].Value);
        }
        Assert.NotEqual(challenges[0], challenges[1]);

        using var implicitBrowser = new BrowserPlayer();
        var implicitInteraction = new ScriptedInteraction(async uri =>
        {
            var (location, _) = await implicitBrowser.SignInAndApproveAsync(uri);
            await implicitBrowser.FollowRedirectAsync(location!);
        });
        using var _ = await IgtimiConnection.ConnectAsync(_emulator.Options(),
            new ImplicitGrant(EmulatorFixture.DemoClientId, "http://127.0.0.1/callback", noBrowser: false, implicitInteraction), default);
        Assert.DoesNotContain("code_challenge", implicitInteraction.OpenedUri!.Query);
    }

    [Fact]
    public void The_challenge_is_the_S256_of_the_verifier()
    {
        // RFC 7636 appendix B.
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.ChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        var pkce = Pkce.Create();
        Assert.Matches("^[A-Za-z0-9_-]{43}$", pkce.Verifier);
        Assert.Equal(Pkce.ChallengeOf(pkce.Verifier), pkce.Challenge);
        Assert.NotEqual(pkce.Verifier, Pkce.Create().Verifier);
    }

    [Theory]
    [InlineData("no state")]
    [InlineData("other state")]
    [InlineData("bare code")]
    public async Task A_pasted_answer_without_this_sign_ins_state_is_refused(string paste)
    {
        using var browser = new BrowserPlayer();
        var interaction = new ScriptedInteraction(null, async uri =>
        {
            var (location, _) = await browser.SignInAndApproveAsync(uri);
            var query = location!.Query.TrimStart('?');
            var code = System.Text.RegularExpressions.Regex.Match(query, "code=([^&]+)").Groups[1].Value;
            return paste switch
            {
                "no state" => new UriBuilder(location) { Query = "code=" + code }.Uri.AbsoluteUri,
                "other state" => new UriBuilder(location) { Query = "code=" + code + "&state=0123456789abcdef0123456789abcdef" }.Uri.AbsoluteUri,
                _ => code,
            };
        });
        var error = await Assert.ThrowsAsync<IgtimiSignInRejectedException>(() => IgtimiConnection.ConnectAsync(_emulator.Options(),
            new AuthorizationCodeGrant(EmulatorFixture.DemoClientId, EmulatorFixture.DemoClientSecret, "http://127.0.0.1/callback",
                noBrowser: true, interaction), default));
        Assert.Equal(paste == "other state" ? SignInRejection.StateMismatch : SignInRejection.StateMissing, error.Reason);
        Assert.Equal(IgtimiErrorKind.SignInRejected, error.Kind);
        Assert.Contains("state", error.Message);
    }

    [Fact]
    public async Task A_pasted_address_with_this_sign_ins_state_is_taken()
    {
        using var browser = new BrowserPlayer();
        var interaction = new ScriptedInteraction(null, async uri =>
        {
            var (location, _) = await browser.SignInAndApproveAsync(uri);
            return location!.AbsoluteUri;
        });
        using var connection = await IgtimiConnection.ConnectAsync(_emulator.Options(),
            new AuthorizationCodeGrant(EmulatorFixture.DemoClientId, EmulatorFixture.DemoClientSecret, "http://127.0.0.1/callback",
                noBrowser: true, interaction), default);
        Assert.Equal(EmulatorFixture.OwnerEmail, connection.User.Email);
    }

    [Fact]
    public async Task Code_grant_with_the_out_of_band_page_and_paste_back()
    {
        using var browser = new BrowserPlayer();
        var interaction = new ScriptedInteraction(null, async uri =>
        {
            var (_, page) = await browser.SignInAndApproveAsync(uri);
            Assert.Contains("Authorization code:", page);
            return BrowserPlayer.OutOfBandValue(page!);
        });
        using var connection = await IgtimiConnection.ConnectAsync(_emulator.Options(),
            new AuthorizationCodeGrant(EmulatorFixture.DemoClientId, EmulatorFixture.DemoClientSecret, null, noBrowser: true, interaction), default);
        Assert.Equal(EmulatorFixture.OwnerEmail, connection.User.Email);
        Assert.Null(interaction.OpenedUri);
    }

    [Fact]
    public async Task Implicit_grant_with_a_loopback_redirect_relays_the_fragment()
    {
        using var browser = new BrowserPlayer();
        var interaction = new ScriptedInteraction(async uri =>
        {
            var (location, _) = await browser.SignInAndApproveAsync(uri);
            Assert.Contains("access_token=", location!.Fragment);
            await browser.FollowRedirectAsync(location);
        });
        using var connection = await IgtimiConnection.ConnectAsync(_emulator.Options(),
            new ImplicitGrant(EmulatorFixture.DemoClientId, "http://127.0.0.1/callback", noBrowser: false, interaction), default);
        Assert.Equal(AuthenticationMethod.Implicit, connection.AuthenticationMethod);
        Assert.Equal(EmulatorFixture.OwnerEmail, connection.User.Email);
    }

    [Fact]
    public async Task Implicit_grant_out_of_band_takes_the_pasted_token()
    {
        using var browser = new BrowserPlayer();
        var interaction = new ScriptedInteraction(null, async uri =>
        {
            var (_, page) = await browser.SignInAndApproveAsync(uri);
            return BrowserPlayer.OutOfBandValue(page!);
        });
        using var connection = await IgtimiConnection.ConnectAsync(_emulator.Options(),
            new ImplicitGrant(EmulatorFixture.DemoClientId, OAuthEndpoints.OutOfBandRedirectUri, noBrowser: true, interaction), default);
        Assert.Equal(EmulatorFixture.OwnerEmail, connection.User.Email);
    }

    [Fact]
    public async Task A_redirect_with_a_foreign_state_is_rejected()
    {
        using var browser = new BrowserPlayer();
        var interaction = new ScriptedInteraction(async uri =>
        {
            var (location, _) = await browser.SignInAndApproveAsync(uri);
            var forged = new UriBuilder(location!)
            {
                Query = System.Text.RegularExpressions.Regex.Replace(location!.Query.TrimStart('?'), "state=[^&]*", "state=forged")
            }.Uri;
            await browser.FollowRedirectAsync(forged);
        });
        var error = await Assert.ThrowsAsync<IgtimiSignInRejectedException>(() => IgtimiConnection.ConnectAsync(_emulator.Options(),
            new AuthorizationCodeGrant(EmulatorFixture.DemoClientId, EmulatorFixture.DemoClientSecret, "http://127.0.0.1/callback",
                false, interaction), default));
        Assert.Equal("state_mismatch", error.ApiError);
        Assert.Equal(SignInRejection.StateMismatch, error.Reason);
    }

    [Fact]
    public async Task A_denied_sign_in_reports_access_denied()
    {
        using var browser = new BrowserPlayer();
        var interaction = new ScriptedInteraction(async uri =>
        {
            var (location, _) = await browser.SignInAndApproveAsync(uri, approve: false);
            await browser.FollowRedirectAsync(location!);
        });
        var error = await Assert.ThrowsAsync<IgtimiSignInRejectedException>(() => IgtimiConnection.ConnectAsync(_emulator.Options(),
            new AuthorizationCodeGrant(EmulatorFixture.DemoClientId, EmulatorFixture.DemoClientSecret, "http://127.0.0.1/callback",
                false, interaction), default));
        Assert.Equal("access_denied", error.ApiError);
        Assert.Equal(SignInRejection.AccessDenied, error.Reason);
    }

    [Fact]
    public async Task Unreachable_server_is_reported_as_unreachable()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => IgtimiConnection.ConnectAsync(
            new IgtimiClientOptions(new Uri($"http://127.0.0.1:{port}/")), new AccessTokenGrant(EmulatorFixture.OwnerToken), default));
        Assert.True(error.IsUnreachable);
        Assert.Null(error.StatusCode);
    }

    /// <summary>An interaction whose "browser" is test code.</summary>
    private sealed class ScriptedInteraction : IAuthorizationInteraction
    {
        private readonly Func<Uri, Task>? _browser;
        private readonly Func<Uri, Task<string>>? _paste;

        public ScriptedInteraction(Func<Uri, Task>? browser, Func<Uri, Task<string>>? paste = null)
        {
            _browser = browser;
            _paste = paste;
        }

        public Uri? OpenedUri { get; private set; }

        public bool TryOpenBrowser(Uri authorizeUri)
        {
            if (_browser is null) return false;
            OpenedUri = authorizeUri;
            _ = Task.Run(() => _browser(authorizeUri));
            return true;
        }

        public Task<string> ReadPastedResponseAsync(Uri authorizeUri, string instructions, CancellationToken cancellationToken) =>
            _paste?.Invoke(authorizeUri) ?? throw new InvalidOperationException("No paste expected.");

        public void Inform(string message) { }
    }
}
