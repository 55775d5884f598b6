using System.Globalization;
using DuckDB.NET.Data;
using Igtimi.Client.Archive;
using Igtimi.Client.Auth;
using Igtimi.Client.Data;
using Igtimi.Client.Http;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Archive;

/// <summary>One emulator of each flavor (seed 1, anchor 2025-06-15) for the archive tests.</summary>
public sealed class ArchiveFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Day = new(2025, 6, 15, 0, 0, 0, TimeSpan.Zero);

    public RunningEmulator Igtimi { get; private set; } = null!;
    public RunningEmulator Sap { get; private set; } = null!;
    public IgtimiConnection IgtimiOwner { get; private set; } = null!;
    public IgtimiConnection SapOwner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Igtimi = await EmulatorHost.StartAsync(new EmulatorOptions { Seed = 1, AnchorDate = DateOnly.FromDateTime(Day.UtcDateTime) });
        Sap = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Seed = 1, AnchorDate = DateOnly.FromDateTime(Day.UtcDateTime), Flavor = EmulatorFlavor.Sap, SapLockMs = 0,
        });
        IgtimiOwner = await IgtimiConnection.ConnectAsync(Options(Igtimi.BaseUri), new AccessTokenGrant(EmulatorFixture.OwnerToken), default);
        SapOwner = await IgtimiConnection.ConnectAsync(Options(Sap.BaseUri), new AccessTokenGrant(EmulatorCredentials.OwnerSapToken), default);
    }

    public async Task DisposeAsync()
    {
        IgtimiOwner.Dispose();
        SapOwner.Dispose();
        await Igtimi.DisposeAsync();
        await Sap.DisposeAsync();
    }

    private static IgtimiClientOptions Options(Uri baseUri) => new(baseUri)
    {
        Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) },
    };
}

/// <summary>
/// Save-IgtimiData's engine: the archive against a download of the same days (read back by DuckDB, a reader the project did
/// not write, and by the module's own reader), the manifest, a second run that fetches nothing, resume after a kill, the lock.
/// </summary>
public sealed class ArchiveTests : IClassFixture<ArchiveFixture>, IDisposable
{
    private static readonly int[] Types = [1, 6, 9, 13, 15];
    private readonly ArchiveFixture _f;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "igtimi-archive-" + Guid.NewGuid().ToString("N"));

    public ArchiveTests(ArchiveFixture fixture) => _f = fixture;

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private string[] Serials(RunningEmulator emulator, int n) => emulator.World.Devices.Take(n).Select(d => d.SerialNumber).ToArray();

    private IgtimiArchiveOptions Options(RunningEmulator emulator, int devices, int days, DateTimeOffset? now = null) => new()
    {
        Path = _folder,
        SerialNumbers = Serials(emulator, devices),
        Start = ArchiveFixture.Day.AddHours(9),
        End = ArchiveFixture.Day.AddDays(days - 1).AddHours(13),
        Types = Types,
        RowGroupSize = 5000,
        Now = () => now ?? ArchiveFixture.Day.AddDays(30),
    };

    private static Task<IgtimiArchiveResult> Save(IgtimiConnection connection, IgtimiArchiveOptions options, CancellationToken ct = default) =>
        new IgtimiArchiver(connection, IgtimiArchiveFormats.Parquet(), options).RunAsync(ct);

    /// <summary>Every point of the whole UTC days the archive covers, as sortable keys.</summary>
    private static async Task<List<string>> Download(IgtimiConnection connection, IgtimiArchiveOptions o)
    {
        var keys = new List<string>();
        var gate = new object();
        var query = new IgtimiDataQuery
        {
            SerialNumbers = o.SerialNumbers, Types = o.Types,
            Start = new DateTimeOffset(o.Start.UtcDateTime.Date, TimeSpan.Zero),
            End = new DateTimeOffset(o.End.UtcDateTime.Date.AddDays(1), TimeSpan.Zero).AddMilliseconds(-1),
        };
        await new IgtimiDataDownloader(connection, query).RunAsync((block, _) =>
        {
            lock (gate) keys.AddRange(block.Points().Select(Key));
            return Task.CompletedTask;
        }, default);
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private static string Key(IgtimiDataPoint p) =>
        $"{p.SerialNumber}|{p.Type}|{p.Dsi}|{p.UnixTimeMilliseconds}|{string.Join(",", p.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}" +
        $"|{p.GetType().Name}|{p.DisplayValue}";

    private async Task<List<string>> ReadBack(DateTimeOffset? start = null, DateTimeOffset? end = null)
    {
        var keys = new List<string>();
        await new IgtimiArchiveReader(_folder, IgtimiArchiveFormats.Parquet()) { Start = start, End = end }.ReadAsync((block, _) =>
        {
            keys.AddRange(block.Points().Select(Key));
            return Task.CompletedTask;
        }, default);
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private List<string> ParquetFiles() =>
        Directory.EnumerateFiles(_folder, "*.parquet", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_folder, f).Replace('\\', '/')).Order().ToList();

    [Fact]
    public async Task DuckDB_reads_the_hive_partitioned_archive_and_agrees_with_the_download()
    {
        var o = Options(_f.Igtimi, 2, 2);
        var result = await Save(_f.IgtimiOwner, o);
        var expected = await Download(_f.IgtimiOwner, o);
        Assert.True(expected.Count > 10000, $"only {expected.Count} points");
        Assert.Equal(4, result.DaysFetched);
        Assert.Equal(expected.Count, result.Rows);

        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText =
            $"SELECT serial, CAST(date AS VARCHAR), type, type_name, count(*), min(epoch_ms(time)), max(epoch_ms(time)), " +
            "sum(coalesce(c1, 0)), sum(coalesce(c2, 0)), sum(coalesce(c3, 0)), sum(latitude), sum(speed_knots), sum(angle_deg), sum(value) " +
            $"FROM read_parquet('{_folder.Replace('\\', '/')}/**/*.parquet', hive_partitioning = true) " +
            "GROUP BY ALL ORDER BY 1, 2, 3";
        var rows = new List<(string Serial, string Date, int Type, string Name, long Count, long Min, long Max, double C1, double C2, double C3, double? Lat,
            double? Knots, double? Deg, double? Value)>();
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                rows.Add((r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetDouble(7),
                    r.GetDouble(8), r.GetDouble(9), r.IsDBNull(10) ? null : r.GetDouble(10), r.IsDBNull(11) ? null : r.GetDouble(11),
                    r.IsDBNull(12) ? null : r.GetDouble(12), r.IsDBNull(13) ? null : r.GetDouble(13)));

        var points = new List<IgtimiDataPoint>();
        var query = new IgtimiDataQuery
        {
            SerialNumbers = o.SerialNumbers, Types = o.Types, Start = ArchiveFixture.Day, End = ArchiveFixture.Day.AddDays(2).AddMilliseconds(-1),
        };
        await new IgtimiDataDownloader(_f.IgtimiOwner, query).RunAsync((block, _) =>
        {
            lock (points) points.AddRange(block.Points());
            return Task.CompletedTask;
        }, default);
        var groups = points.GroupBy(p => (p.SerialNumber, p.Timestamp.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Type))
            .OrderBy(g => g.Key.SerialNumber, StringComparer.Ordinal).ThenBy(g => g.Key.Item2, StringComparer.Ordinal).ThenBy(g => g.Key.Type).ToList();
        Assert.Equal(groups.Count, rows.Count);
        Assert.Equal(points.Count, rows.Sum(r => r.Count));
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var row = rows[i];
            Assert.Equal((g.Key.SerialNumber, g.Key.Item2, g.Key.Type), (row.Serial, row.Date, row.Type));
            Assert.Equal(g.First().TypeName, row.Name);
            Assert.Equal(g.LongCount(), row.Count);
            Assert.Equal(g.Min(p => p.UnixTimeMilliseconds), row.Min);
            Assert.Equal(g.Max(p => p.UnixTimeMilliseconds), row.Max);
            for (var k = 0; k < 3; k++)
            {
                var sum = g.Sum(p => k < p.Values.Length && !double.IsNaN(p.Values[k]) ? p.Values[k] : 0);
                AssertSum(sum, k == 0 ? row.C1 : k == 1 ? row.C2 : row.C3);
            }
            switch (g.First())
            {
                case IgtimiPositionPoint:
                    AssertSum(g.Cast<IgtimiPositionPoint>().Sum(p => p.Latitude), row.Lat!.Value);
                    break;
                case IgtimiSpeedPoint:
                    AssertSum(g.Cast<IgtimiSpeedPoint>().Sum(p => p.SpeedKnots), row.Knots!.Value);
                    break;
                case IgtimiAnglePoint:
                    AssertSum(g.Cast<IgtimiAnglePoint>().Sum(p => p.Degrees), row.Deg!.Value);
                    break;
                case IgtimiHeartRatePoint:
                    AssertSum(g.Cast<IgtimiHeartRatePoint>().Sum(p => p.HeartRate), row.Value!.Value);
                    break;
            }
        }

        // The timestamp is a UTC Parquet timestamp in milliseconds.
        cmd.CommandText = $"SELECT column_type FROM (DESCRIBE SELECT time FROM read_parquet('{_folder.Replace('\\', '/')}/**/*.parquet'))";
        Assert.Equal("TIMESTAMP WITH TIME ZONE", cmd.ExecuteScalar());

        // And the module's own reader gives the very points the download gives, typed.
        Assert.Equal(expected, await ReadBack());
    }

    [Fact]
    public async Task Small_requests_sized_from_the_data_archive_exactly_the_download()
    {
        var o = Options(_f.Igtimi, 2, 2);
        o.SlicePoints = 700;
        o.SliceLength = TimeSpan.FromMinutes(20);
        var before = _f.Igtimi.Faults.RecentRequests.Count(r => r.Path.Contains("resources/data", StringComparison.Ordinal));
        var result = await Save(_f.IgtimiOwner, o);
        var requests = _f.Igtimi.Faults.RecentRequests.Count(r => r.Path.Contains("resources/data", StringComparison.Ordinal)) - before;
        // Four device-days at one sample a second in requests of about 700 samples (10 minutes): far more than one a day.
        Assert.True(requests > 4 * 24, $"{requests} requests");
        Assert.Equal(await Download(_f.IgtimiOwner, o), await ReadBack());
        Assert.Equal(result.Rows, (await ReadBack()).Count);
    }

    [Theory]
    [InlineData(1.0, 16384)]
    [InlineData(50.0, 16384)]
    [InlineData(0.0, 16384)]
    [InlineData(1.0, 700)]
    public void Requests_tile_the_days_without_crossing_midnight_and_hold_about_the_samples_asked_for(double hz, int slicePoints)
    {
        var first = new DateTime(2025, 6, 13, 0, 0, 0, DateTimeKind.Utc);
        var density = new IgtimiArchiver.SliceDensity();
        var next = UnixTime.ToMilliseconds(new DateTimeOffset(first, TimeSpan.Zero));
        var slices = 0;
        foreach (var (start, end) in IgtimiArchiver.AdaptiveSlices(first, first.AddDays(2), TimeSpan.FromHours(1), slicePoints, density))
        {
            Assert.Equal(next, start);
            Assert.True(end >= start);
            Assert.Equal(UnixTime.FromMilliseconds(start).UtcDateTime.Date, UnixTime.FromMilliseconds(end).UtcDateTime.Date);
            var points = (int)Math.Round((end - start + 1) / 1000.0 * hz);
            // After the first request, each holds at most the samples asked for (or is the shortest, a minute).
            if (slices++ > 0 && hz > 0) Assert.True(points <= slicePoints || end - start + 1 == 60_000, $"{points} samples in {start}..{end}");
            density.Note(points);
            next = end + 1;
        }
        Assert.Equal(UnixTime.ToMilliseconds(new DateTimeOffset(first.AddDays(3), TimeSpan.Zero)), next);
        if (hz == 0) Assert.True(slices <= 3 + 5, $"{slices} requests for three empty days");
    }

    [Fact]
    public async Task The_manifest_records_complete_days_and_a_second_run_fetches_nothing()
    {
        var o = Options(_f.Igtimi, 2, 3);
        var first = await Save(_f.IgtimiOwner, o);
        Assert.Equal((6, 0, 0), (first.DaysFetched, first.DaysSkipped, first.DaysOpen));
        var manifest = IgtimiArchiveManifest.Load(_folder);
        Assert.Equal(6, manifest.Days.Count);
        Assert.All(manifest.Days, d => Assert.True(d.Complete));
        Assert.All(manifest.Days, d => Assert.Equal(Types, d.Types));
        Assert.Equal(manifest.Days.SelectMany(d => d.Files).Order(), ParquetFiles());
        Assert.Equal(first.Rows, manifest.Days.Sum(d => d.Rows));
        var files = ParquetFiles().ToDictionary(f => f, f => File.GetLastWriteTimeUtc(Path.Combine(_folder, f)));

        var before = _f.Igtimi.Faults.RecentRequests.Count(r => r.Path.Contains("resources/data", StringComparison.Ordinal));
        var second = await Save(_f.IgtimiOwner, o);
        var after = _f.Igtimi.Faults.RecentRequests.Count(r => r.Path.Contains("resources/data", StringComparison.Ordinal));
        Assert.Equal((0, 6, 0L), (second.DaysFetched, second.DaysSkipped, second.Rows));
        Assert.Equal(before, after);
        Assert.Equal(files, ParquetFiles().ToDictionary(f => f, f => File.GetLastWriteTimeUtc(Path.Combine(_folder, f))));

        // A type more: the days are fetched again with both sets of types; nothing twice.
        var wider = Options(_f.Igtimi, 2, 3);
        wider.Types = [1, 2];
        var third = await Save(_f.IgtimiOwner, wider);
        Assert.Equal(6, third.DaysFetched);
        Assert.All(IgtimiArchiveManifest.Load(_folder).Days, d => Assert.Equal(new[] { 1, 2, 6, 9, 13, 15 }, d.Types));
        var all = Options(_f.Igtimi, 2, 3);
        all.Types = [1, 2, 6, 9, 13, 15];
        Assert.Equal(await Download(_f.IgtimiOwner, all), await ReadBack());
    }

    [Fact]
    public async Task A_day_not_over_yet_is_kept_open_and_fetched_again()
    {
        var o = Options(_f.Igtimi, 1, 2, now: ArchiveFixture.Day.AddDays(1).AddHours(12));
        var first = await Save(_f.IgtimiOwner, o);
        Assert.Equal((2, 1), (first.DaysFetched, first.DaysOpen));
        var open = IgtimiArchiveManifest.Load(_folder).Days.Single(d => !d.Complete);
        Assert.Equal(ArchiveFixture.Day.AddDays(1).UtcDateTime, open.Date);

        o.Now = () => ArchiveFixture.Day.AddDays(3);
        var second = await Save(_f.IgtimiOwner, o);
        Assert.Equal((1, 1, 0), (second.DaysFetched, second.DaysSkipped, second.DaysOpen));
        var day = IgtimiArchiveManifest.Load(_folder).Find(o.SerialNumbers[0], open.Date)!;
        Assert.True(day.Complete);
        Assert.Equal(2, day.Generation);
        // The first generation's files are gone; only the manifest's are left.
        Assert.Equal(IgtimiArchiveManifest.Load(_folder).Days.SelectMany(d => d.Files).Order(), ParquetFiles());
        Assert.Equal(await Download(_f.IgtimiOwner, o), await ReadBack());
    }

    [Fact]
    public async Task A_run_killed_halfway_and_restarted_ends_with_exactly_the_right_rows()
    {
        var o = Options(_f.Igtimi, 2, 3);
        o.ThrottleLimit = 1;
        using var stop = new CancellationTokenSource();
        var archiver = new IgtimiArchiver(_f.IgtimiOwner, IgtimiArchiveFormats.Parquet(), o)
        {
            Progress = new SyncProgress(p =>
            {
                if (p.DaysDone == 2) stop.Cancel();
            }),
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => archiver.RunAsync(stop.Token));
        var kept = IgtimiArchiveManifest.Load(_folder).Days.Count;
        Assert.InRange(kept, 2, 5);

        // What a killed process leaves besides: a file written but not yet in the manifest, and a partial file.
        var anyFile = ParquetFiles().First();
        var dayDir = Path.GetDirectoryName(Path.Combine(_folder, anyFile))!;
        File.Copy(Path.Combine(_folder, anyFile), Path.Combine(dayDir, "position-9.parquet"));
        File.WriteAllText(Path.Combine(dayDir, "speed-9.parquet.0123abcd.partial"), "half");
        var orphanDay = Path.Combine(_folder, IgtimiArchiver.DayFolder(o.SerialNumbers[1], ArchiveFixture.Day.AddDays(2).UtcDateTime));
        Directory.CreateDirectory(orphanDay);
        File.Copy(Path.Combine(_folder, anyFile), Path.Combine(orphanDay, "position-1.parquet"), overwrite: true);

        var resumed = await Save(_f.IgtimiOwner, o);
        Assert.Equal(6 - kept, resumed.DaysFetched);
        Assert.Equal(kept, resumed.DaysSkipped);
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.partial", SearchOption.AllDirectories));
        Assert.Equal(IgtimiArchiveManifest.Load(_folder).Days.SelectMany(d => d.Files).Order(), ParquetFiles());
        Assert.Equal(await Download(_f.IgtimiOwner, o), await ReadBack());
    }

    [Fact]
    public async Task A_second_run_against_the_same_archive_is_refused_and_changes_nothing()
    {
        Directory.CreateDirectory(_folder);
        using (IgtimiArchiveLock.Acquire(_folder))
        {
            var error = await Assert.ThrowsAsync<IgtimiArchiveLockedException>(() => Save(_f.IgtimiOwner, Options(_f.Igtimi, 1, 1)));
            Assert.Contains("in use by another run", error.Message);
            Assert.False(File.Exists(IgtimiArchiveManifest.PathIn(_folder)));
            Assert.Empty(ParquetFiles());
        }
        var result = await Save(_f.IgtimiOwner, Options(_f.Igtimi, 1, 1));
        Assert.Equal(1, result.DaysFetched);
    }

    [Fact]
    public async Task The_SAP_dialect_archives_the_same_points_as_its_download()
    {
        var o = Options(_f.Sap, 1, 1);
        o.Types = [1, 9];
        var result = await Save(_f.SapOwner, o);
        var expected = await Download(_f.SapOwner, o);
        Assert.True(expected.Count > 1000);
        Assert.Equal(expected.Count, result.Rows);
        Assert.Equal(expected, await ReadBack());
        // The window given to the reader is applied to the archived days.
        var from = ArchiveFixture.Day.AddHours(10);
        var to = ArchiveFixture.Day.AddHours(11);
        var part = await ReadBack(from, to);
        Assert.Equal(expected.Where(k => InWindow(k, from, to)).ToList(), part);
    }

    [Fact]
    public void A_manifest_pointing_outside_the_archive_is_refused()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(IgtimiArchiveManifest.PathIn(_folder),
            ("{'format':'igtimips-archive','version':1,'days':[{'serial':'AA','date':'2025-06-15','types':[1],'complete':true," +
             "'rows':1,'generation':1,'files':['../../etc/passwd'],'fetched':'2025-06-16T00:00:00.000Z'}]}").Replace('\'', '"'));
        var error = Assert.Throws<InvalidDataException>(() => IgtimiArchiveManifest.Load(_folder));
        Assert.Contains("not a path inside the archive", error.Message);
    }

    private static bool InWindow(string key, DateTimeOffset from, DateTimeOffset to)
    {
        var ms = long.Parse(key.Split('|')[3], CultureInfo.InvariantCulture);
        return ms >= UnixTime.ToMilliseconds(from) && ms <= UnixTime.ToMilliseconds(to);
    }

    private sealed class SyncProgress(Action<IgtimiArchiveProgress> report) : IProgress<IgtimiArchiveProgress>
    {
        public void Report(IgtimiArchiveProgress value) => report(value);
    }

    // The engines add in another order: equal to a few ulps of the magnitude, not to a fixed number of decimals.
    private static void AssertSum(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"sum {expected:R} here, {actual:R} in DuckDB");
}
