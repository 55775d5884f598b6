using System.Text.Json;
using Igtimi.Client.Http;
using Igtimi.Client.Json;
using Igtimi.Client.Models;
using Xunit;

namespace Igtimi.Client.Tests.Models;

public class AccountTests
{
    private const string FixtureName = "igtimi-docs_account.json";

    private static void AssertAccount(IgtimiUser user)
    {
        Assert.Equal(2L, user.Id);
        Assert.Equal("Igtimi", user.FirstName);
        Assert.Equal("Limited", user.Surname);
        Assert.Equal("<hidden>", user.Email);
        Assert.Equal("Igtimi Limited", user.DisplayName);
        Assert.Equal("Igtimi Limited <<hidden>>", user.ToString());
        Assert.True(user.AdditionalProperties is null || user.AdditionalProperties.Count == 0);
    }

    [Fact]
    public void Account_fixture_unwrapped_like_api_json()
    {
        // Same steps as ApiJson.ReadSingleAsync: parse, take root["user"], deserialize with ApiJson.Options.
        using var document = JsonDocument.Parse(Fixtures.Read(FixtureName));
        var root = document.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.True(root.TryGetProperty("user", out var inner));

        var user = inner.Deserialize<IgtimiUser>(ApiJson.Options);
        Assert.NotNull(user);
        AssertAccount(user!);
    }

    [Fact]
    public async Task Account_fixture_through_read_single()
    {
        using var response = Fixtures.Response(Fixtures.Read(FixtureName), "https://www.igtimi.com/api/v1/account");
        var user = await ApiJson.ReadSingleAsync<IgtimiUser>(response, "user", CancellationToken.None);
        AssertAccount(user);
    }

    [Fact]
    public async Task Wrong_wrapper_member_is_a_clear_api_error()
    {
        using var response = Fixtures.Response(Fixtures.Read(FixtureName), "https://www.igtimi.com/api/v1/account");
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => ApiJson.ReadSingleAsync<IgtimiUser>(response, "session", CancellationToken.None));
        Assert.Contains("'session'", error.Message);
    }
}
