using Igtimi.Client.Auth;
using Xunit;

namespace Igtimi.Client.Tests;

public class AuthorizationResponseTests
{
    [Fact]
    public void A_pasted_redirect_url_gives_code_and_state()
    {
        var response = AuthorizationResponse.FromPasted("http://127.0.0.1:5555/callback?code=abc123&state=xyz", "code");
        Assert.Equal("abc123", response.Code);
        Assert.Equal("xyz", response.State);
    }

    [Fact]
    public void A_pasted_implicit_redirect_reads_the_fragment()
    {
        var response = AuthorizationResponse.FromPasted("https://app.example/cb#access_token=tok&token_type=bearer&state=s1", "access_token");
        Assert.Equal("tok", response.AccessToken);
        Assert.Equal("s1", response.State);
    }

    [Fact]
    public void A_bare_value_from_the_oob_page_is_taken_as_is()
    {
        var response = AuthorizationResponse.FromPasted("  5a0c9d  \n", "code");
        Assert.Equal("5a0c9d", response.Code);
        Assert.Null(response.State);
    }

    [Fact]
    public void Errors_are_read()
    {
        var response = AuthorizationResponse.FromPasted("http://127.0.0.1/cb?error=access_denied&error_description=The+user+said+no", "code");
        Assert.Equal("access_denied", response.Error);
        Assert.Equal("The user said no", response.ErrorDescription);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    public void Nonsense_is_refused(string pasted)
    {
        Assert.Throws<ArgumentException>(() => AuthorizationResponse.FromPasted(pasted, "code"));
    }

    [Fact]
    public void Browser_commands_split_on_blanks_and_keep_quotes()
    {
        Assert.Equal(new[] { "/usr/bin/env", "my browser", "--new-window" }, BrowserLauncher.Split("/usr/bin/env 'my browser' --new-window"));
    }
}
