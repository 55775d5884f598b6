using System.Net.Http.Headers;
using System.Text.Json;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Emulator;

/// <summary>One in-process emulator (seed 1, a fixed anchor date) and a plain HttpClient for a test class.</summary>
public sealed class RegattaEmulatorFixture : IAsyncLifetime
{
    public static readonly DateOnly Anchor = new(2025, 6, 15);

    public RunningEmulator Emulator { get; private set; } = null!;

    public EmulatorWorld World => Emulator.World;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Seed = 1, AnchorDate = Anchor });
        Http = new HttpClient { BaseAddress = Emulator.BaseUri };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }

    public async Task<HttpResponseMessage> GetAsync(string token, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }

    public async Task<string> GetTextAsync(string token, string pathAndQuery)
    {
        using var response = await GetAsync(token, pathAndQuery);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{pathAndQuery}: {(int)response.StatusCode} {body}");
        return body;
    }

    public async Task<JsonElement> GetJsonAsync(string token, string pathAndQuery) =>
        JsonDocument.Parse(await GetTextAsync(token, pathAndQuery)).RootElement;

    /// <summary>The inner objects of a wrapped list, e.g. <c>{"devices":[{"device":{…}}]}</c>; asserts the wrapping.</summary>
    public async Task<List<JsonElement>> ListAsync(string token, string pathAndQuery, string plural, string singular)
    {
        var root = await GetJsonAsync(token, pathAndQuery);
        return Unwrap(root, plural, singular);
    }

    public static List<JsonElement> Unwrap(JsonElement root, string plural, string singular)
    {
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        var items = new List<JsonElement>();
        foreach (var item in root.GetProperty(plural).EnumerateArray())
        {
            Assert.Single(item.EnumerateObject());
            items.Add(item.GetProperty(singular));
        }
        return items;
    }

    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
