namespace Igtimi.Emulator;

/// <summary>
/// The sensor data of the fleet: a pure function of (seed, device, time), so any window returns exactly
/// the samples whose times fall in it and two disjoint windows never share or lose a sample.
/// <list type="bullet">
/// <item>Samples exist at t = k × period (ms since the epoch, so slices agree) while the device's sensor is on
/// (its resources' spans), and only where the reader may read (owners and admins always; others inside their
/// read data access windows).</item>
/// <item>Fast channels (GPS 1, COG 6, HDG 8, SOG 9, AWA 11, AWS 12, heart rate 13) run at <see cref="Hz"/>;
/// GPS quality (2) and satellite count (3) every 10 s; battery (15) every 60 s.</item>
/// <item>YachtBots (and the Coach RIB) sail a windward–leeward course between the marks of the session in progress
/// (from its log) with tacks and gybes (<see cref="Manoeuvres"/>); WindBots sit on its marks and measure its wind.</item>
/// </list>
/// Thread-safe (immutable after construction).
/// </summary>
public sealed class FleetData
{
    public const double MaxHz = 50;
    public const int QualityPeriodMs = 10_000;
    public const int BatteryPeriodMs = 60_000;

    /// <summary>The DSI of the heart-rate strap worn on <see cref="EmulatorWorld.HeartRateBoat"/> (key <c>"13:201"</c>).</summary>
    public const int HeartRateDsi = 201;

    private readonly Dictionary<long, DeviceModel> _models = [];

    public FleetData(EmulatorWorld world, double hz = 1)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (double.IsNaN(hz) || hz <= 0 || hz > MaxHz)
            throw new ArgumentOutOfRangeException(nameof(hz), hz, $"The rate must be above 0 and at most {MaxHz} Hz.");
        World = world;
        Hz = hz;
        FastPeriodMs = Math.Max(1, (int)Math.Round(1000 / hz));

        var frames = CourseFrame.Build(world);
        int yachtIndex = 0;
        foreach (var device in world.Devices)
        {
            var resources = world.Resources
                .Where(r => string.Equals(r.DeviceSerialNumber, device.SerialNumber, StringComparison.Ordinal))
                .OrderBy(r => r.StartTime).ToArray();
            var channels = BuildChannels(device);
            int windIndex = device.Kind == EmulatorDeviceKind.WindBot ? world.WindBots.ToList().IndexOf(device) : -1;
            bool coach = ReferenceEquals(device, world.CoachBoat);
            _models[device.Id] = new DeviceModel(world.Seed, device, resources, channels, frames, world.RegattaStart,
                coach ? -1 : yachtIndex, windIndex, coach);
            if (device.Kind == EmulatorDeviceKind.YachtBot && !coach)
                yachtIndex++;
        }
    }

    public EmulatorWorld World { get; }

    /// <summary>Samples per second of the fast channels.</summary>
    public double Hz { get; }

    /// <summary>The period of the fast channels: 1000 / <see cref="Hz"/> ms, rounded to whole ms.</summary>
    public int FastPeriodMs { get; }

    /// <summary>The channels of a device, in type order; their types are exactly the device's (and its resources') data types.</summary>
    public IReadOnlyList<SensorChannel> Channels(EmulatorDevice device) => _models.TryGetValue(device.Id, out var model) ? model.Channels : [];

    /// <summary>The device's channel of this type (for type 13 the strap's), or null when the device has no such data.</summary>
    public SensorChannel? Channel(EmulatorDevice device, int type) => Channels(device).FirstOrDefault(c => c.Type == type);

    /// <summary>
    /// The times (ms, inclusive, merged) at which <paramref name="reader"/> may read the device's data:
    /// everything for the owner, an admin or a null reader; otherwise the union of the read windows granted to them.
    /// </summary>
    public IReadOnlyList<(long Start, long End)> ReadIntervals(EmulatorUser? reader, EmulatorDevice device)
    {
        if (reader is null || World.Administers(reader, device))
            return [(long.MinValue, long.MaxValue)];
        var windows = World.WindowsGrantedTo(reader, device).Where(w => w.Permissions.Read)
            .Select(w => (Start: w.StartTime.ToUnixTimeMilliseconds(), End: w.EndTime.ToUnixTimeMilliseconds()))
            .OrderBy(w => w.Start).ToList();
        var merged = new List<(long Start, long End)>();
        foreach (var w in windows)
        {
            if (merged.Count > 0 && w.Start <= merged[^1].End + 1)
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, w.End));
            else
                merged.Add(w);
        }
        return merged;
    }

    /// <summary>
    /// The spans inside [<paramref name="start"/>, <paramref name="end"/>] (ms, inclusive) where the device's sensor is on
    /// and <paramref name="reader"/> may read (null: no restriction), in time order.
    /// </summary>
    public IReadOnlyList<DataSpan> Spans(EmulatorDevice device, long start, long end, EmulatorUser? reader = null)
    {
        var spans = new List<DataSpan>();
        // A device registered after the world was built has no sensor data.
        if (!_models.TryGetValue(device.Id, out var model))
            return spans;
        var reads = ReadIntervals(reader, device);
        foreach (var resource in model.Resources)
        {
            long s = Math.Max(start, resource.StartTime.ToUnixTimeMilliseconds());
            long e = Math.Min(end, resource.EndTime.ToUnixTimeMilliseconds());
            if (s > e)
                continue;
            foreach (var (rs, re) in reads)
            {
                long a = Math.Max(s, rs), b = Math.Min(e, re);
                if (a <= b)
                    spans.Add(new DataSpan(a, b, resource));
            }
        }
        return spans;
    }

    /// <summary>How many samples of the channel lie in the spans.</summary>
    public static long Count(IReadOnlyList<DataSpan> spans, SensorChannel channel)
    {
        long count = 0;
        foreach (var span in spans)
            count += span.Count(channel.PeriodMs);
        return count;
    }

    /// <summary>How many samples of this type the device has in [start, end] (ms, inclusive) for the reader (no compression).</summary>
    public long Count(EmulatorDevice device, int type, long start, long end, EmulatorUser? reader = null) =>
        Channel(device, type) is { } channel ? Count(Spans(device, start, end, reader), channel) : 0;

    /// <summary>
    /// The samples of this type the device has in [start, end] (ms, inclusive), as <c>resources/data</c> writes them:
    /// what <paramref name="reader"/> may read (null: everything), values rounded as written, and for type 1 with
    /// <paramref name="gpsTolerance"/> &gt; 0 only the points Douglas–Peucker keeps. Empty when the device has no such data.
    /// </summary>
    public IReadOnlyList<FleetSample> Samples(EmulatorDevice device, int type, long start, long end,
        EmulatorUser? reader = null, double gpsTolerance = 0)
    {
        if (Channel(device, type) is not { } channel)
            return [];
        var samples = new List<FleetSample>();
        foreach (var span in Spans(device, start, end, reader))
        {
            for (long t = span.First(channel.PeriodMs) ?? long.MaxValue; t <= span.End; t += channel.PeriodMs)
                samples.Add(new FleetSample(t, ValuesAt(device, channel, span.Resource, t)));
        }
        if (type == DataTypeCatalog.GpsLatLong && gpsTolerance > 0 && samples.Count > 2)
        {
            var kept = DouglasPeucker.Simplify(samples.Select(s => s.Values[0]).ToArray(), samples.Select(s => s.Values[1]).ToArray(), gpsTolerance);
            samples = kept.Select(i => samples[i]).ToList();
        }
        return samples;
    }

    /// <summary>
    /// The latest sample of this type at or before <paramref name="now"/> that the reader may read, with the resource
    /// it belongs to; null when there is none (what <c>resources/data/latest</c> answers).
    /// </summary>
    public (FleetSample Sample, EmulatorResource Resource)? Latest(EmulatorDevice device, int type, DateTimeOffset now, EmulatorUser? reader = null)
    {
        if (Channel(device, type) is not { } channel)
            return null;
        var spans = Spans(device, long.MinValue, now.ToUnixTimeMilliseconds(), reader);
        for (int i = spans.Count - 1; i >= 0; i--)
        {
            if (spans[i].Last(channel.PeriodMs) is long t)
                return (new FleetSample(t, ValuesAt(device, channel, spans[i].Resource, t)), spans[i].Resource);
        }
        return null;
    }

    /// <summary>The rounded component values of a channel at time t (which should be a sample time inside the resource's span).</summary>
    public double[] ValuesAt(EmulatorDevice device, SensorChannel channel, EmulatorResource resource, long time)
    {
        var values = new double[channel.Components];
        for (int c = 1; c <= channel.Components; c++)
            values[c - 1] = Value(device, channel, resource, time, c);
        return values;
    }

    /// <summary>One rounded component value (component 1 is <c>"1"</c>).</summary>
    public double Value(EmulatorDevice device, SensorChannel channel, EmulatorResource resource, long time, int component)
    {
        double value = Round(Model(device).Raw(channel, resource, time, component), channel.Decimals(component));
        // Angles are in [0, 360): 359.96 rounds to 360.0, which is 0.
        return value >= 360 && channel.Type is DataTypeCatalog.Cog or DataTypeCatalog.Heading or DataTypeCatalog.Awa ? value - 360 : value;
    }

    /// <summary>
    /// The tacks and gybes of the session's boats (the YachtBots its log links) between its start and its end (or the regatta's end),
    /// in time order, then log order. The same seed and anchor date always give the same list.
    /// </summary>
    public IReadOnlyList<FleetManoeuvre> Manoeuvres(EmulatorSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        long start = session.StartTime.ToUnixTimeMilliseconds();
        long end = (session.EndTime ?? World.RegattaEnd).ToUnixTimeMilliseconds();
        var boats = session.Log.Select(e => e.Data).OfType<EmulatorLogDevice>()
            .Select(link => World.FindDevice(link.SerialNumber))
            .Where(d => d is { Kind: EmulatorDeviceKind.YachtBot })
            .Distinct().ToList();
        return boats.SelectMany((device, index) => Model(device!).Manoeuvres(start, end).Select(m => (m, index)))
            .OrderBy(p => p.m.Time).ThenBy(p => p.index).Select(p => p.m).ToArray();
    }

    internal DeviceModel Model(EmulatorDevice device) =>
        _models.TryGetValue(device.Id, out var model) ? model : throw new ArgumentException($"Unknown device {device.SerialNumber}.", nameof(device));

    internal static double Round(double value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero) + 0.0;

    private List<SensorChannel> BuildChannels(EmulatorDevice device)
    {
        var channels = new List<SensorChannel>();
        foreach (int type in device.DataTypes.Order())
        {
            var (period, dsi) = type switch
            {
                DataTypeCatalog.GpsQualityIndicator or DataTypeCatalog.GpsSatCount => (QualityPeriodMs, 0),
                DataTypeCatalog.BatteryLevel => (BatteryPeriodMs, 0),
                DataTypeCatalog.AntHeartRate => (FastPeriodMs, HeartRateDsi),
                _ => (FastPeriodMs, 0),
            };
            int components = DataTypeCatalog.Find(type)?.Components.Count ?? 1;
            channels.Add(new SensorChannel(type, dsi, period, components));
        }
        return channels;
    }
}
