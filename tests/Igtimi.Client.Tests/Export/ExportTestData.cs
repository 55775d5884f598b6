using System.Globalization;
using System.Text;
using Igtimi.Client.Data;
using Igtimi.Client.Export;
using Xunit;

namespace Igtimi.Client.Tests.Export;

/// <summary>A small hand-built fleet: two devices, positions, SOG, COG, an unknown type, NaN and text.</summary>
internal static class ExportTestData
{
    public const string BoatA = "DA-AAAA";
    public const string BoatB = "DB-BBBB";

    // 2024-06-01T10:00:00.123Z
    public const long T0 = 1717236000123;

    /// <summary>Latitude and longitude far apart (54 vs 10) so a swap cannot pass unnoticed.</summary>
    public static double LatA(int i) => 54.3 + i * 0.001;
    public static double LonA(int i) => 10.1 + i * 0.001;
    public static double LatB(int i) => -33.9 - i * 0.001;
    public static double LonB(int i) => 151.2 + i * 0.001;

    /// <summary>
    /// The points, interleaved the way several devices arrive: per device and type in time order,
    /// types after one another, devices mixed.
    /// A: positions at T0, +1 s, +2 s; SOG 18.52 km/h (10 kn) at T0 and +1 s, NaN at +2 s; COG 45 at T0,
    ///    -90 (→ 270) at +2 s; unknown type 77 (two components) at +1 s; SOG at +5 s without a position.
    /// B: positions at T0 and +1 s; SOG 9.26 km/h (5 kn) at +1 s.
    /// </summary>
    public static List<IgtimiDataPoint> Points()
    {
        var points = new List<IgtimiDataPoint>
        {
            // packed component 1 is longitude, 2 latitude
            IgtimiDataPoints.Create(BoatA, 1, 0, T0, new[] { LonA(0), LatA(0) }),
            IgtimiDataPoints.Create(BoatB, 1, 0, T0, new[] { LonB(0), LatB(0) }),
            IgtimiDataPoints.Create(BoatA, 1, 0, T0 + 1000, new[] { LonA(1), LatA(1) }),
            IgtimiDataPoints.Create(BoatA, 9, 0, T0, new[] { 18.52 }),
            IgtimiDataPoints.Create(BoatB, 1, 0, T0 + 1000, new[] { LonB(1), LatB(1) }),
            IgtimiDataPoints.Create(BoatA, 9, 0, T0 + 1000, new[] { 18.52 }),
            IgtimiDataPoints.Create(BoatA, 1, 0, T0 + 2000, new[] { LonA(2), LatA(2) }),
            IgtimiDataPoints.Create(BoatA, 9, 0, T0 + 2000, new[] { double.NaN }),
            IgtimiDataPoints.Create(BoatA, 9, 0, T0 + 5000, new[] { 20.0 }),
            IgtimiDataPoints.Create(BoatB, 9, 0, T0 + 1000, new[] { 9.26 }),
            IgtimiDataPoints.Create(BoatA, 6, 0, T0, new[] { 45.0 }),
            IgtimiDataPoints.Create(BoatA, 6, 0, T0 + 2000, new[] { -90.0 }),
            IgtimiDataPoints.Create(BoatA, 77, 0, T0 + 1000, new[] { 1.5, double.NaN }),
        };
        return points;
    }

    /// <summary>
    /// <see cref="Points"/> plus what a boat's sensors add, all at A's position times: altitude 3.5 m + i, fix quality
    /// 1, 2, 7 (7 has no GPX fix), satellites 9, HDOP 0.8; true heading 40 + i, magnetic heading 38 at T0; STW 16.668 km/h
    /// (9 kn) at T0; AWA -30 (→ 330) and AWS 27.78 km/h (15 kn) at +1 s; AWA 20 without AWS at +2 s.
    /// </summary>
    public static List<IgtimiDataPoint> FieldPoints()
    {
        var points = Points();
        for (var i = 0; i < 3; i++)
        {
            var t = T0 + i * 1000;
            points.Add(IgtimiDataPoints.Create(BoatA, 5, 0, t, new[] { 3.5 + i }));
            points.Add(IgtimiDataPoints.Create(BoatA, 2, 0, t, new[] { i == 2 ? 7.0 : i + 1.0 }));
            points.Add(IgtimiDataPoints.Create(BoatA, 3, 0, t, new[] { 9.0 }));
            points.Add(IgtimiDataPoints.Create(BoatA, 4, 0, t, new[] { 0.8 }));
            points.Add(IgtimiDataPoints.Create(BoatA, 8, 0, t, new[] { 40.0 + i }));
        }
        points.Add(IgtimiDataPoints.Create(BoatA, 7, 0, T0, new[] { 38.0 }));
        points.Add(IgtimiDataPoints.Create(BoatA, 10, 0, T0, new[] { 16.668 }));
        points.Add(IgtimiDataPoints.Create(BoatA, 11, 0, T0 + 1000, new[] { -30.0 }));
        points.Add(IgtimiDataPoints.Create(BoatA, 12, 0, T0 + 1000, new[] { 27.78 }));
        points.Add(IgtimiDataPoints.Create(BoatA, 11, 0, T0 + 2000, new[] { 20.0 }));
        return points;
    }

    public static string Write(IgtimiExportFormat format, IEnumerable<IgtimiDataPoint> points, IgtimiExportOptions? options = null)
    {
        using var stream = new MemoryStream();
        using (var writer = IgtimiDataWriter.Create(format, stream, options))
        {
            foreach (var p in points) writer.Write(p);
            writer.Complete();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Iso(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>Runs a test body under another current culture (decimal comma) and restores it.</summary>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture, _ui;

    public CultureScope(string name)
    {
        _culture = CultureInfo.CurrentCulture;
        _ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _ui;
    }
}

/// <summary>A fact that is skipped, with a message saying so, when a command-line tool is not on PATH.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(string tool)
    {
        if (ExternalTool.Find(tool) is null)
            Skip = $"'{tool}' is not installed on this machine (apt-get install gpsbabel gdal-bin); the interoperability check is skipped.";
    }
}

internal static class ExternalTool
{
    public static string? Find(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (string.IsNullOrEmpty(dir)) continue;
            foreach (var name in OperatingSystem.IsWindows() ? new[] { tool + ".exe", tool } : new[] { tool })
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    public static (int ExitCode, string Output, string Error) Run(string tool, params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(Find(tool)!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(true);
            throw new TimeoutException($"{tool} did not finish within 60 s.");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
