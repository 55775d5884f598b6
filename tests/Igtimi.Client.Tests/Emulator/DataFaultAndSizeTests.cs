using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Emulator;

/// <summary>Faults on the data endpoint (resets mid-body, slow bodies) and the benchmark-size payload, streamed.</summary>
public class DataFaultAndSizeTests : IClassFixture<RegattaEmulatorFixture>
{
    private const string Owner = EmulatorCredentials.OwnerToken;

    private readonly RegattaEmulatorFixture _emu;

    public DataFaultAndSizeTests(RegattaEmulatorFixture emulator) => _emu = emulator;

    private EmulatorWorld World => _emu.World;

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private string RacePath()
    {
        var race = World.Races[0];
        return SensorDataTests.DataPath(Ms(race.StartTime), Ms(race.EndTime!.Value), World.Devices.Select(d => d.SerialNumber), SensorDataTests.AllTypes);
    }

    private async Task<HttpResponseMessage> SendAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Owner);
        return await _emu.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static async Task<(int Bytes, Exception? Error)> ReadAllAsync(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[16 * 1024];
        int total = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
                total += read;
            return (total, null);
        }
        catch (Exception ex)
        {
            return (total, ex);
        }
    }

    [Fact]
    public async Task A_reset_fault_cuts_the_body_after_about_the_given_bytes()
    {
        string path = RacePath();
        string complete = await _emu.GetTextAsync(Owner, path);
        Assert.True(complete.Length > 200_000);

        _emu.Emulator.Faults.EnqueueReset(20_000, "/api/v1/resources/data");
        using (var response = await SendAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var (bytes, error) = await ReadAllAsync(response);
            Assert.IsAssignableFrom<IOException>(error);
            Assert.InRange(bytes, 1, 20_000);
        }

        // The same through the admin endpoint; and a plain read of the cut body fails or gives incomplete JSON.
        using var fault = new StringContent("""{"kind":"reset","count":1,"path_prefix":"/api/v1/resources/data","after_bytes":30000}""",
            Encoding.UTF8, "application/json");
        using (var posted = await _emu.Http.PostAsync("_emulator/faults", fault))
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        string? partial = null;
        var failure = await Record.ExceptionAsync(async () => partial = await _emu.Http.GetStringAsync(path + "&access_token=" + Owner));
        if (failure is null)
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(partial!));
        else
            Assert.True(failure is HttpRequestException or IOException, failure.ToString());

        // The next request is whole again.
        Assert.Equal(complete, await _emu.GetTextAsync(Owner, path));
        Assert.Equal(0, _emu.Emulator.Faults.PendingCount);
    }

    [Fact]
    public async Task A_reset_fault_on_a_short_body_still_never_completes_it()
    {
        _emu.Emulator.Faults.EnqueueReset(1_000_000, "/api/v1/account");
        using var response = await SendAsync("api/v1/account");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, error) = await ReadAllAsync(response);
        Assert.IsAssignableFrom<IOException>(error);
    }

    [Fact]
    public async Task A_slow_fault_delays_the_body_but_keeps_it_whole()
    {
        var boat = World.YachtBots[0];
        long start = Ms(World.Races[0].StartTime);
        string path = SensorDataTests.DataPath(start, start + 20_000, [boat.SerialNumber], [1, 9]);
        string complete = await _emu.GetTextAsync(Owner, path);

        using var fault = new StringContent("""{"kind":"slow","delay_ms":40,"chunk_bytes":256,"path_prefix":"/api/v1/resources/data"}""",
            Encoding.UTF8, "application/json");
        (await _emu.Http.PostAsync("_emulator/faults", fault)).Dispose();
        var watch = Stopwatch.StartNew();
        string slow = await _emu.GetTextAsync(Owner, path);
        watch.Stop();
        Assert.Equal(complete, slow);
        int chunks = (Encoding.UTF8.GetByteCount(complete) + 255) / 256;
        Assert.True(watch.ElapsedMilliseconds >= chunks * 40 * 0.8, $"{watch.ElapsedMilliseconds} ms for {chunks} chunks");
    }

    [Fact]
    public async Task Status_faults_still_answer_before_the_data()
    {
        _emu.Emulator.Faults.Enqueue(429, retryAfterSeconds: 2, pathPrefix: "/api/v1/resources/data");
        using var response = await SendAsync(RacePath());
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Random_resets_cut_a_share_of_data_responses()
    {
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Seed = 3, AnchorDate = RegattaEmulatorFixture.Anchor, ResetRate = 0.5 });
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Owner);
        var race = emulator.World.Races[0];
        string path = SensorDataTests.DataPath(Ms(race.StartTime), Ms(race.EndTime!.Value), emulator.World.Devices.Select(d => d.SerialNumber),
            SensorDataTests.AllTypes);
        int cut = 0, whole = 0;
        for (int i = 0; i < 12; i++)
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            var (_, error) = await ReadAllAsync(response);
            if (error is null) whole++; else cut++;
        }
        Assert.True(cut > 0 && whole > 0, $"cut {cut}, whole {whole}");
        await http.GetStringAsync("api/v1/account");
    }

    [Fact]
    public async Task A_full_day_of_the_whole_fleet_streams_more_than_a_million_samples()
    {
        var day = new DateTimeOffset(RegattaEmulatorFixture.Anchor.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        long start = Ms(day), end = Ms(day.AddDays(1)) - 1;
        long expected = World.Devices.Sum(d => SensorDataTests.AllTypes.Sum(t => _emu.Emulator.Data.Count(d, t, start, end, World.Owner)));
        Assert.True(expected >= 1_000_000, $"{expected} samples");

        // Long queries go as POST with _method=GET, as the real clients did.
        var form = new List<KeyValuePair<string, string>>
        {
            new("_method", "GET"), new("start_time", start.ToString()), new("end_time", end.ToString()),
        };
        form.AddRange(World.Devices.Select(d => new KeyValuePair<string, string>("serial_numbers[]", d.SerialNumber)));
        form.AddRange(SensorDataTests.AllTypes.Select(t => new KeyValuePair<string, string>($"types[{t}]", "0")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/resources/data") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Owner);

        var watch = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using var response = await _emu.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        long samples = await PackedData.CountSamplesAsync(stream, cts.Token);
        watch.Stop();

        Assert.Equal(expected, samples);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }
}
