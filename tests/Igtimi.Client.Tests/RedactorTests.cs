using Igtimi.Client.Http;
using Xunit;

namespace Igtimi.Client.Tests;

public class RedactorTests
{
    private const string Token = "7ea3784f283ea5c7feea1931db62c5f72d33f7805424814a9660250739f5d60c";

    [Theory]
    [InlineData("https://h/api/v1/account?access_token=" + Token + "&x=1", "https://h/api/v1/account?access_token=<redacted>&x=1")]
    [InlineData("https://h/cb?code=abc&state=s", "https://h/cb?code=<redacted>&state=s")]
    [InlineData("https://h/cb#access_token=abc&token_type=bearer", "https://h/cb#access_token=<redacted>&token_type=bearer")]
    [InlineData("grant_type=password&username=a%40b&password=secret&client_secret=s2",
        "grant_type=password&username=a%40b&password=<redacted>&client_secret=<redacted>")]
    public void Secret_parameters_are_masked(string input, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(input));
    }

    [Fact]
    public void Json_members_and_authorization_values_are_masked()
    {
        Assert.Equal("{\"access_token\":\"<redacted>\",\"token_type\":\"bearer\"}",
            Redactor.Redact("{\"access_token\":\"" + Token + "\",\"token_type\":\"bearer\"}"));
        Assert.Equal("Authorization: Bearer <redacted>", Redactor.Redact("Authorization: Bearer " + Token));
    }

    [Fact]
    public void Known_secrets_are_masked_anywhere()
    {
        var text = Redactor.Redact("the server echoed " + Token + " back", new[] { Token });
        Assert.DoesNotContain(Token, text);
    }
}
