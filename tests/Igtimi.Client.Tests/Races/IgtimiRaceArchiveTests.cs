using Igtimi.Client.Archive;
using Igtimi.Client.Parquet;
using Igtimi.Client.Races;
using Xunit;

namespace Igtimi.Client.Tests.Races;

/// <summary>Which device-days of a race's window an archive lacks, read from a manifest written for the test.</summary>
public sealed class IgtimiRaceArchiveTests : IDisposable
{
    private static readonly DateTime Day1 = new(2025, 6, 12, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Day2 = Day1.AddDays(1);
    private static readonly int[] Types = [1, 6, 9];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "igtimi-race-archive-" + Guid.NewGuid().ToString("N"));

    public IgtimiRaceArchiveTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static DateTimeOffset Utc(DateTime day, int hour, int minute = 0) => new(day.AddHours(hour).AddMinutes(minute), TimeSpan.Zero);

    private void Manifest(params IgtimiArchiveDay[] days)
    {
        var manifest = new IgtimiArchiveManifest();
        foreach (var day in days) manifest.Set(day);
        manifest.Save(_folder);
    }

    private static IgtimiArchiveDay Day(string serial, DateTime date, int[] types, bool complete = true, DateTimeOffset? fetched = null) =>
        new(serial, date, types, complete, 10, 1, [], fetched ?? Utc(date, 48));

    [Fact]
    public void A_window_touches_the_UTC_days_from_its_start_to_its_end_and_an_end_at_midnight_adds_no_day()
    {
        Assert.Equal([Day1], IgtimiRaceArchive.DaysOf(Utc(Day1, 11, 20), Utc(Day1, 12, 4)));
        Assert.Equal([Day1, Day2], IgtimiRaceArchive.DaysOf(Utc(Day1, 23, 30), Utc(Day2, 0, 30)));
        Assert.Equal([Day1], IgtimiRaceArchive.DaysOf(Utc(Day1, 23, 30), Utc(Day2, 0)));
    }

    [Fact]
    public void Names_the_missing_days_the_days_without_a_type_and_the_days_saved_before_they_were_over()
    {
        Manifest(
            Day("AA-AA-AAAA", Day1, Types),
            Day("AA-AA-AAAA", Day2, Types, complete: false, fetched: Utc(Day2, 10)),
            Day("BB-BB-BBBB", Day1, [9]));
        var archive = new IgtimiRaceArchive(_folder, new ParquetArchiveFormat(), ["AA-AA-AAAA", "BB-BB-BBBB"], Utc(Day1, 11), Utc(Day2, 12), Types);

        var gaps = archive.Gaps();

        Assert.Collection(gaps,
            g => Assert.Equal(("AA-AA-AAAA", Day2, IgtimiRaceArchiveGapKind.Open, (DateTimeOffset?)Utc(Day2, 10)), (g.SerialNumber, g.Date, g.Kind, g.Fetched)),
            g =>
            {
                Assert.Equal(("BB-BB-BBBB", Day1, IgtimiRaceArchiveGapKind.LacksTypes), (g.SerialNumber, g.Date, g.Kind));
                Assert.Equal([1, 6], g.MissingTypes);
            },
            g => Assert.Equal(("BB-BB-BBBB", Day2, IgtimiRaceArchiveGapKind.Missing), (g.SerialNumber, g.Date, g.Kind)));
        Assert.False(archive.LacksEverywhere(gaps, 1));
        var onlyB = new IgtimiRaceArchive(_folder, new ParquetArchiveFormat(), ["bb-bb-bbbb"], Utc(Day1, 11), Utc(Day2, 12), Types);
        Assert.True(onlyB.LacksEverywhere(onlyB.Gaps(), 1));
        Assert.False(onlyB.LacksEverywhere(onlyB.Gaps(), 9));
    }
}
