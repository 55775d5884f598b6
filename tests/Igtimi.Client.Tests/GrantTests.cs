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
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => IgtimiConnection.ConnectAsync(_emulator.Options(),
            new AuthorizationCodeGrant(EmulatorFixture.DemoClientId, EmulatorFixture.DemoClientSecret, "http://127.0.0.1/callback",
                false, interaction), default));
        Assert.Equal("state_mismatch", error.ApiError);
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
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => IgtimiConnection.ConnectAsync(_emulator.Options(),
            new AuthorizationCodeGrant(EmulatorFixture.DemoClientId, EmulatorFixture.DemoClientSecret, "http://127.0.0.1/callback",
                false, interaction), default));
        Assert.Equal("access_denied", error.ApiError);
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
