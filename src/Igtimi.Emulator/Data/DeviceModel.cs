namespace Igtimi.Emulator;

/// <summary>
/// How one device's values come out of (seed, device, time). YachtBots sail laps of the course of the session
/// in progress (upwind at 45° with four tacks, downwind at 30° off the run with two gybes) at their own speed
/// and phase; the Coach RIB sails the same lap 350 m to the side; WindBots sway on the session's wind spots.
/// </summary>
internal sealed class DeviceModel
{
    private const double Knot = 1852.0 / 3600.0;
    private const double UpwindMs = 5.8 * Knot;
    private const double DownwindMs = 7.3 * Knot;
    private static readonly double Tan30 = Math.Tan(Math.PI / 6);

    private readonly int _seed;
    private readonly CourseFrame[] _frames;
    private readonly long _regattaStartMs;
    private readonly int _windIndex;
    private readonly double _phase;
    private readonly double _speed;
    private readonly double _lateral;
    private readonly double _heartPhase;

    public DeviceModel(int seed, EmulatorDevice device, EmulatorResource[] resources, List<SensorChannel> channels,
        CourseFrame[] frames, DateTimeOffset regattaStart, int yachtIndex, int windIndex, bool coach)
    {
        _seed = seed;
        Device = device;
        Resources = resources;
        Channels = channels;
        _frames = frames;
        _regattaStartMs = regattaStart.ToUnixTimeMilliseconds();
        _windIndex = windIndex;
        // Boats spread over the lap (a twelfth each, plus a little), with speeds 0.94 to 1.06.
        _phase = yachtIndex >= 0 ? (yachtIndex / 12.0 + 0.05 * Unit(1)) % 1.0 : Unit(1);
        _speed = coach ? 1.0 : 0.94 + 0.12 * Unit(2);
        _lateral = coach ? 350 : 0;
        _heartPhase = 2 * Math.PI * Unit(3);
    }

    public EmulatorDevice Device { get; }

    public EmulatorResource[] Resources { get; }

    public List<SensorChannel> Channels { get; }

    /// <summary>The unrounded value of a component at time t (ms) within the resource.</summary>
    public double Raw(SensorChannel channel, EmulatorResource resource, long t, int component)
    {
        var frame = CourseFrame.At(_frames, t);
        double sec = t / 1000.0;
        switch (channel.Type)
        {
            case DataTypeCatalog.GpsLatLong:
            {
                var (lat, lon) = Device.Kind == EmulatorDeviceKind.WindBot ? WindBotPosition(frame, sec) : Yacht(frame, sec).Geo;
                return component == 1 ? lon : lat;
            }
            case DataTypeCatalog.GpsQualityIndicator:
                return Hash(2, t / QualityStep) % 25 == 0 ? 2 : 1;
            case DataTypeCatalog.GpsSatCount:
                return 7 + (long)(Hash(3, t / QualityStep) % 6);
            case DataTypeCatalog.Cog:
                return Normalize(Yacht(frame, sec).CourseDeg + 1.5 * Math.Sin(2 * Math.PI * sec / 17 + 7 * _phase));
            case DataTypeCatalog.Heading:
            {
                var m = Yacht(frame, sec);
                return Normalize(m.CourseDeg + m.LeewayDeg + 2 * Math.Sin(2 * Math.PI * sec / 11 + 5 * _phase));
            }
            case DataTypeCatalog.Sog:
                return Yacht(frame, sec).SpeedMs * 3.6 + 0.4 * Math.Sin(2 * Math.PI * sec / 23 + 3 * _phase);
            case DataTypeCatalog.Awa:
                return Normalize(frame.WindFromDeg + 7 * Math.Sin(2 * Math.PI * sec / 540) + 3 * Math.Sin(2 * Math.PI * sec / 138 + _windIndex));
            case DataTypeCatalog.Aws:
                return frame.WindKmh * (1 + 0.12 * Math.Sin(2 * Math.PI * sec / 300 + _windIndex) + 0.05 * Math.Sin(2 * Math.PI * sec / 37));
            case DataTypeCatalog.AntHeartRate:
            {
                long on = resource.StartTime.ToUnixTimeMilliseconds();
                return component switch
                {
                    1 => t - on,
                    2 => Math.Floor(Beats(on / 1000.0, sec)),
                    _ => Math.Round(HeartRate(sec)),
                };
            }
            case DataTypeCatalog.BatteryLevel:
            {
                double hours = (t - resource.StartTime.ToUnixTimeMilliseconds()) / 3_600_000.0;
                double full = 92 + Hash(15, DayIndex(resource)) % 8;
                return Math.Max(5, full - (1.1 + 0.4 * Unit(4)) * hours);
            }
            default:
                return 0;
        }
    }

    private const long QualityStep = FleetData.QualityPeriodMs;

    private double HeartRate(double sec) =>
        118 + 22 * Math.Sin(2 * Math.PI * sec / 1800 + _heartPhase) + 6 * Math.Sin(2 * Math.PI * sec / 130);

    /// <summary>Heart beats between two times: the closed-form integral of <see cref="HeartRate"/> / 60.</summary>
    private double Beats(double fromSec, double toSec)
    {
        double a = 2 * Math.PI / 1800, b = 2 * Math.PI / 130;
        double integral = 118 * (toSec - fromSec)
            + 22 / a * (Math.Cos(a * fromSec + _heartPhase) - Math.Cos(a * toSec + _heartPhase))
            + 6 / b * (Math.Cos(b * fromSec) - Math.Cos(b * toSec));
        return Math.Max(0, integral / 60);
    }

    private (double Lat, double Lon) WindBotPosition(CourseFrame frame, double sec)
    {
        var spot = frame.WindSpots.Length > 0 ? frame.WindSpots[Math.Clamp(_windIndex, 0, frame.WindSpots.Length - 1)] : (frame.Lat0, frame.Lon0);
        double sway = 2.5 / CourseFrame.MetresPerDegree;
        return (spot.Item1 + sway * Math.Sin(2 * Math.PI * sec / 47 + _windIndex),
            spot.Item2 + sway * Math.Cos(2 * Math.PI * sec / 61 + _windIndex) / Math.Cos(spot.Item1 * Math.PI / 180));
    }

    internal readonly record struct Motion((double Lat, double Lon) Geo, double CourseDeg, double LeewayDeg, double SpeedMs);

    private Motion Yacht(CourseFrame frame, double sec)
    {
        double d = frame.LengthM;
        double vu = UpwindMs * _speed, vd = DownwindMs * _speed;
        var (tu, td) = LegTimes(frame);
        double period = tu + td;
        double s = sec + _phase * period;
        s -= Math.Floor(s / period) * period;

        double x, y, angle, leeway, speed;
        if (s < tu)
        {
            double frac = s / tu;
            y = d * frac;
            var (tri, sign) = Triangle(2 * frac);
            x = d / 8 * tri;
            angle = 45 * sign;
            leeway = -4 * sign;
            speed = vu;
        }
        else
        {
            double frac = (s - tu) / td;
            y = d * (1 - frac);
            var (tri, sign) = Triangle(frac);
            x = d * Tan30 / 4 * tri;
            angle = 180 - 30 * sign;
            leeway = 0;
            speed = vd;
        }
        // A slow meander so that tracks are not perfectly straight.
        x += _lateral + 6 * Math.Sin(2 * Math.PI * sec / 97 + 11 * _phase);
        return new Motion(frame.ToGeo(x, y), Normalize(frame.AxisDeg + angle), leeway, speed);
    }

    /// <summary>
    /// The tacks and gybes of a YachtBot in [<paramref name="startMs"/>, <paramref name="endMs"/>] while its sensor is on, in time
    /// order: where the triangle waves of <see cref="Yacht"/> turn (four tacks upwind, two gybes downwind per lap; rounding a mark
    /// changes no tack). Headings are the model's, without the sensor's noise.
    /// </summary>
    public IEnumerable<FleetManoeuvre> Manoeuvres(long startMs, long endMs)
    {
        if (Device.Kind != EmulatorDeviceKind.YachtBot)
            yield break;
        for (int i = 0; i < _frames.Length; i++)
        {
            var frame = _frames[i];
            long from = Math.Max(startMs, frame.FromMs);
            long to = Math.Min(endMs, i + 1 < _frames.Length ? _frames[i + 1].FromMs - 1 : long.MaxValue);
            if (from > to)
                continue;
            var (tu, td) = LegTimes(frame);
            double period = tu + td;
            (double Offset, bool Tack)[] events =
                [(tu / 8, true), (3 * tu / 8, true), (5 * tu / 8, true), (7 * tu / 8, true), (tu + td / 4, false), (tu + 3 * td / 4, false)];
            var found = new List<FleetManoeuvre>();
            foreach (var (offset, tack) in events)
            {
                double first = offset - _phase * period;
                for (double n = Math.Floor((from / 1000.0 - first) / period); ; n++)
                {
                    double sec = first + n * period;
                    long ms = (long)Math.Round(sec * 1000);
                    if (ms > to)
                        break;
                    if (ms < from || !Resources.Any(r => r.StartTime.ToUnixTimeMilliseconds() <= ms && ms <= r.EndTime.ToUnixTimeMilliseconds()))
                        continue;
                    var before = Yacht(frame, sec - 0.001);
                    var after = Yacht(frame, sec + 0.001);
                    found.Add(new FleetManoeuvre(Device, DateTimeOffset.FromUnixTimeMilliseconds(ms), tack ? "tack" : "gybe",
                        Math.Round(Normalize(before.CourseDeg + before.LeewayDeg), 1), Math.Round(Normalize(after.CourseDeg + after.LeewayDeg), 1)));
                }
            }
            foreach (var manoeuvre in found.OrderBy(m => m.Time))
                yield return manoeuvre;
        }
    }

    private (double Up, double Down) LegTimes(CourseFrame frame)
    {
        double d = frame.LengthM;
        return (d * Math.Sqrt(2) / (UpwindMs * _speed), d / Math.Cos(Math.PI / 6) / (DownwindMs * _speed));
    }

    /// <summary>A triangle wave of period 1 from 0 up to 1, down to −1 and back to 0, and the sign of its slope.</summary>
    private static (double Value, int Sign) Triangle(double u)
    {
        double w = u - Math.Floor(u);
        return w < 0.25 ? (4 * w, 1) : w < 0.75 ? (2 - 4 * w, -1) : (4 * w - 4, 1);
    }

    private int DayIndex(EmulatorResource resource) =>
        (int)Math.Floor((resource.StartTime.ToUnixTimeMilliseconds() - _regattaStartMs) / 86_400_000.0);

    private static double Normalize(double degrees) => ((degrees % 360) + 360) % 360;

    private double Unit(long salt) => (Hash(100 + salt, 0) >> 11) * (1.0 / (1UL << 53));

    private ulong Hash(long a, long b) => Mix((ulong)_seed ^ Mix((ulong)Device.Id ^ Mix((ulong)a ^ Mix((ulong)b))));

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
