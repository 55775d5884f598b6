using System.Collections.Concurrent;

namespace Igtimi.Emulator;

/// <summary>One key of a SAP <c>resources/data</c> answer: a serial and its messages, in the order the answer lists them.</summary>
public sealed record SapDataKey(string Serial, IReadOnlyList<SapMessage> Messages);

/// <summary>
/// The SAP flavor's data (docs/design/sap-dialect.md sections 4.8, 4.9, 5 and 6), built from the same <see cref="FleetData"/> as the
/// igtimi flavor, value for value (same samples, same rounding). Tests use it to compute what the SAP endpoints must answer.
/// <list type="bullet">
/// <item>Messages: per device and sample time, one message with the {pos, satc, satq} points present at that time, then one with
/// the other points (cog, hdg, sog, awa, aws, hr, num) at that time; each is <c>Msg{data=Data{data=[DataMsg{points, serial_number,
/// type_of_service=3, stream_id=<see cref="StreamId"/>}]}}</c>. A request's cases strip messages down; empty ones are dropped.</item>
/// <item>Access goes through windows (<see cref="EmulatorWorld.SapWindowsReadableBy"/>): <c>resources/data</c> reads through each
/// readable window separately, so times where two of the caller's windows overlap give every message twice; the live feed and
/// <c>latest</c> use the union of the windows (no duplicates).</item>
/// <item>Windows are closed [start, end] (as in the igtimi flavor); a request's range is half-open [start, end) on a message's time
/// (its first point's; every point of a message has the same time here).</item>
/// </list>
/// Thread-safe (immutable).
/// </summary>
public sealed class SapData
{
    private readonly Dictionary<long, uint> _streamIds = [];

    // Per device id: its channels of the GPS message and of the other message, in write order (built once; Build runs per message).
    private readonly Dictionary<long, (SensorChannel[] Gps, SensorChannel[] Other)> _ordered = [];

    // The server keeps the messages as the devices sent them and answers with those bytes when nothing is stripped: the emulator
    // encodes a whole message once, on first request, and keeps it (the fleet's data never change), up to a memory budget
    // (a day of the fleet at 1 Hz is about 90 MB of them); past it, messages are encoded per request.
    private readonly ConcurrentDictionary<(long Device, long Time, bool Gps), byte[]> _stored = new();
    private long _storedBytes;
    private const long StoredBytesBudget = 256L * 1024 * 1024;
    private const int StoredEntryOverhead = 64;

    public SapData(EmulatorWorld world, FleetData fleet)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(fleet);
        World = world;
        Fleet = fleet;
        for (int i = 0; i < world.Devices.Count; i++)
        {
            var device = world.Devices[i];
            _streamIds[device.Id] = (uint)(FirstStreamId + i);
            _ordered[device.Id] = (OrderChannels(device, gps: true), OrderChannels(device, gps: false));
        }
    }

    /// <summary>The <c>stream_id</c> of the first device of <see cref="EmulatorWorld.Devices"/>; the others count up from it.</summary>
    public const int FirstStreamId = 350;

    public EmulatorWorld World { get; }

    public FleetData Fleet { get; }

    /// <summary>The device's opaque <c>stream_id</c>: <see cref="FirstStreamId"/> + its index in <see cref="EmulatorWorld.Devices"/>.</summary>
    public uint StreamId(EmulatorDevice device) =>
        _streamIds.TryGetValue(device.Id, out uint id) ? id : throw new ArgumentException($"Unknown device {device.SerialNumber}.", nameof(device));

    /// <summary>What <c>GET devices</c> lists for the user (<see cref="EmulatorWorld.SapAnonymous"/>: WB-1 only).</summary>
    public IReadOnlyList<EmulatorDevice> Devices(EmulatorUser user) => World.SapDevicesReadableBy(user);

    /// <summary>
    /// The user's readable windows on <paramref name="serials"/> (null: all; case-insensitive) whose [start, end] intersects the half-open
    /// [<paramref name="start"/>, <paramref name="end"/>) (null: open), in id order: what <c>GET data_access_windows</c> lists.
    /// </summary>
    public IReadOnlyList<EmulatorDataAccessWindow> Windows(EmulatorUser user, IEnumerable<string>? serials = null, long? start = null, long? end = null)
    {
        var set = serials is null ? null : new HashSet<string>(serials, StringComparer.OrdinalIgnoreCase);
        return World.SapWindowsReadableBy(user)
            .Where(w => set is null || set.Contains(w.DeviceSerialNumber))
            .Where(w => Intersects(w, start, end))
            .ToArray();
    }

    /// <summary>Whether the closed window intersects the half-open range [start, end) (null bounds are open).</summary>
    public static bool Intersects(EmulatorDataAccessWindow window, long? start, long? end) =>
        (end is null || window.StartTime.ToUnixTimeMilliseconds() < end) && (start is null || window.EndTime.ToUnixTimeMilliseconds() >= start)
        && (start is null || end is null || start < end);

    /// <summary>
    /// The times (ms, inclusive, merged) at which the user may read the device: the union of their readable windows on it. The live
    /// feed and <c>latest</c> use these.
    /// </summary>
    public IReadOnlyList<(long Start, long End)> ReadIntervals(EmulatorUser user, EmulatorDevice device)
    {
        var windows = World.SapWindowsReadableBy(user)
            .Where(w => string.Equals(w.DeviceSerialNumber, device.SerialNumber, StringComparison.Ordinal))
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
    /// What <c>resources/data</c> answers: one key per requested serial (first occurrence, case-insensitive, spelled as the device's) that
    /// has a readable window intersecting [start, end) (present even when empty), holding the messages of every such window in the seeded
    /// shuffled order of the answer. <paramref name="cases"/> are the requested <c>types[n]</c>; none gives empty arrays.
    /// </summary>
    public IReadOnlyList<SapDataKey> Query(EmulatorUser user, IEnumerable<string> serials, long? start, long? end, IReadOnlyCollection<int>? cases)
    {
        var keys = new List<SapDataKey>();
        foreach (var plan in Plan(user, serials, start, end, cases))
            keys.Add(new SapDataKey(plan.Device.SerialNumber, plan.Entries.Select(e => Build(plan.Device, e, plan.Cases)).ToArray()));
        return keys;
    }

    /// <summary>
    /// The device's messages in [start, end) for the user, window by window (id order) and in time order within a window, so overlapping
    /// windows repeat messages: the answer of <see cref="Query"/> for this serial before shuffling.
    /// </summary>
    public IReadOnlyList<SapMessage> Messages(EmulatorUser user, EmulatorDevice device, long? start, long? end, IReadOnlyCollection<int>? cases)
    {
        var caseSet = CaseSet(cases);
        var entries = new List<Entry>();
        foreach (var window in Windows(user, [device.SerialNumber], start, end))
            AddEntries(device, caseSet, Clip(window, start, end), entries);
        return entries.Select(e => Build(device, e, caseSet)).ToArray();
    }

    /// <summary>
    /// What a live frame holds for the device: every point the user may read (<see cref="ReadIntervals"/>) with a time in
    /// (<paramref name="after"/>, <paramref name="until"/>], as one <c>Msg</c> with one <c>DataMsg</c> per stored message (time order), or
    /// null when there is none.
    /// </summary>
    public SapMessage? LiveMessage(EmulatorUser user, EmulatorDevice device, long after, long until)
    {
        if (until <= after)
            return null;
        var caseSet = CaseSet(SapCases.All);
        var entries = new List<Entry>();
        foreach (var (s, e) in ReadIntervals(user, device))
            AddEntries(device, caseSet, (Math.Max(s, after + 1), Math.Min(e, until)), entries);
        if (entries.Count == 0)
            return null;
        return new SapMessage(entries.Select(entry => Build(device, entry, caseSet).Data[0]).ToArray());
    }

    /// <summary>
    /// What <c>resources/data/latest</c> answers for one serial: the newest point of the case at or before <paramref name="nowMs"/> the
    /// user may read, as a synthesized message with one <c>DataMsg</c> holding only that point, <c>serial_number</c> =
    /// <paramref name="requestedSerial"/> (default: the device's) and no <c>type_of_service</c> or <c>stream_id</c>; null when there is none.
    /// </summary>
    public SapMessage? Latest(EmulatorUser user, EmulatorDevice device, int pointCase, long nowMs, string? requestedSerial = null)
    {
        if (Channel(device, pointCase) is not { } channel)
            return null;
        var resources = Resources(device);
        long? best = null;
        int bestResource = -1;
        foreach (var (s, e) in ReadIntervals(user, device))
        {
            for (int r = 0; r < resources.Length; r++)
            {
                long a = Math.Max(s, resources[r].StartTime.ToUnixTimeMilliseconds());
                long b = Math.Min(Math.Min(e, nowMs), resources[r].EndTime.ToUnixTimeMilliseconds());
                if (a > b)
                    continue;
                long last = DataSpan.FloorDiv(b, channel.PeriodMs) * channel.PeriodMs;
                if (last >= a && (best is null || last > best))
                {
                    best = last;
                    bestResource = r;
                }
            }
        }
        if (best is not long time)
            return null;
        var point = Point(device, channel, resources[bestResource], time);
        return new SapMessage([new SapDataMessage([point], requestedSerial ?? device.SerialNumber, TypeOfService: 0, StreamId: 0)]);
    }

    /// <summary>The point of one channel (a fleet data type) at a sample time, with the fleet's rounded values.</summary>
    public SapPoint Point(EmulatorDevice device, SensorChannel channel, EmulatorResource resource, long time)
    {
        int pointCase = SapCases.CaseOf(channel.Type) ?? throw new ArgumentException($"Type {channel.Type} has no SAP case.", nameof(channel));
        double V(int component) => Fleet.Value(device, channel, resource, time, component);
        return pointCase switch
        {
            // The packed JSON has component 1 = longitude, 2 = latitude; protobuf names them.
            SapCases.Position => new SapPositionPoint(time, Latitude: V(2), Longitude: V(1)),
            SapCases.Quality or SapCases.SatCount => new SapIntegerPoint(pointCase, time, (int)V(1)),
            SapCases.HeartRate => new SapHeartRatePoint(time, (ulong)V(1), (uint)V(2), (uint)V(3)) { SourceId = (uint)channel.Dsi },
            _ => new SapDoublePoint(pointCase, time, V(1)),
        };
    }

    // ---- the plan of an answer: which messages, in which order (shared by the endpoint and Query) ----

    /// <summary>One stored message: its time, the index of its resource (in time order), and whether it is the GPS message.</summary>
    internal readonly record struct Entry(long Time, int Resource, bool Gps);

    internal sealed record KeyPlan(EmulatorDevice Device, List<Entry> Entries, HashSet<int> Cases)
    {
        /// <summary>Whether the requested cases cover every channel of the device's GPS message (true) or other message (false).</summary>
        public bool Whole(bool gps) => gps ? WholeGps : WholeOther;

        internal bool WholeGps { get; init; }

        internal bool WholeOther { get; init; }
    }

    internal List<KeyPlan> Plan(EmulatorUser user, IEnumerable<string> serials, long? start, long? end, IReadOnlyCollection<int>? cases)
    {
        var caseSet = CaseSet(cases);
        var plans = new List<KeyPlan>();
        var seen = new HashSet<long>();
        foreach (string serial in serials)
        {
            if (World.FindDevice(serial.Trim()) is not { } device || !seen.Add(device.Id))
                continue;
            var windows = Windows(user, [device.SerialNumber], start, end);
            if (windows.Count == 0)
                continue;
            var entries = new List<Entry>();
            foreach (var window in windows)
                AddEntries(device, caseSet, Clip(window, start, end), entries);
            Shuffle(entries, device.SerialNumber, start, end);
            plans.Add(new KeyPlan(device, entries, caseSet)
            {
                WholeGps = Covers(caseSet, Ordered(device, gps: true)),
                WholeOther = Covers(caseSet, Ordered(device, gps: false)),
            });
        }
        return plans;
    }

    /// <summary>The message of an entry, stripped to the cases.</summary>
    internal SapMessage Build(EmulatorDevice device, Entry entry, HashSet<int> cases)
    {
        var resource = Resources(device)[entry.Resource];
        var ordered = Ordered(device, entry.Gps);
        var points = new List<SapPoint>(ordered.Length);
        foreach (var channel in ordered)
        {
            if (cases.Contains(SapCases.CaseOf(channel.Type)!.Value) && Has(channel, entry.Time))
                points.Add(Point(device, channel, resource, entry.Time));
        }
        return new SapMessage([new SapDataMessage(points, device.SerialNumber, SapCases.LivePersistent, StreamId(device))]);
    }

    /// <summary>
    /// The message of an entry as the JSON string of its base64 (quotes included) when the plan strips nothing from it (the stored
    /// message, encoded once), else null: the caller then encodes <see cref="Build"/>'s stripped message.
    /// </summary>
    internal byte[]? Stored(KeyPlan plan, Entry entry)
    {
        if (!plan.Whole(entry.Gps))
            return null;
        var key = (plan.Device.Id, entry.Time, entry.Gps);
        if (_stored.TryGetValue(key, out var stored))
            return stored;
        if (Interlocked.Read(ref _storedBytes) > StoredBytesBudget)
            return null;
        stored = Sap.SapJsonWriter.Base64StringBytes(SapProtobuf.Encode(Build(plan.Device, entry, plan.Cases)));
        if (_stored.TryAdd(key, stored))
            Interlocked.Add(ref _storedBytes, stored.Length + StoredEntryOverhead);
        return stored;
    }

    private static bool Covers(HashSet<int> cases, SensorChannel[] channels)
    {
        foreach (var channel in channels)
        {
            if (!cases.Contains(SapCases.CaseOf(channel.Type)!.Value))
                return false;
        }
        return true;
    }

    private static HashSet<int> CaseSet(IReadOnlyCollection<int>? cases) => cases is null ? [] : [.. cases];

    private static (long A, long B) Clip(EmulatorDataAccessWindow window, long? start, long? end) =>
        (Math.Max(start ?? long.MinValue, window.StartTime.ToUnixTimeMilliseconds()),
         Math.Min(end is long e ? e - 1 : long.MaxValue, window.EndTime.ToUnixTimeMilliseconds()));

    /// <summary>Adds the messages of the device with a time in [a, b] (inclusive) inside its sensor-on spans, in time order.</summary>
    private void AddEntries(EmulatorDevice device, HashSet<int> cases, (long A, long B) range, List<Entry> entries)
    {
        if (range.A > range.B || cases.Count == 0)
            return;
        var channels = Fleet.Channels(device).Where(c => SapCases.CaseOf(c.Type) is int k && cases.Contains(k)).ToArray();
        if (channels.Length == 0)
            return;
        var resources = Resources(device);
        for (int r = 0; r < resources.Length; r++)
        {
            long a = Math.Max(range.A, resources[r].StartTime.ToUnixTimeMilliseconds());
            long b = Math.Min(range.B, resources[r].EndTime.ToUnixTimeMilliseconds());
            if (a > b)
                continue;
            var next = channels.Select(c => DataSpan.CeilDiv(a, c.PeriodMs) * c.PeriodMs).ToArray();
            while (true)
            {
                long t = next.Min();
                if (t > b)
                    break;
                bool gps = false, other = false;
                for (int i = 0; i < channels.Length; i++)
                {
                    if (next[i] != t)
                        continue;
                    if (SapCases.IsGps(channels[i].Type))
                        gps = true;
                    else
                        other = true;
                    next[i] += channels[i].PeriodMs;
                }
                if (gps)
                    entries.Add(new Entry(t, r, true));
                if (other)
                    entries.Add(new Entry(t, r, false));
            }
        }
    }

    /// <summary>A seeded Fisher–Yates shuffle: the same world seed, serial and range always give the same order.</summary>
    private void Shuffle(List<Entry> entries, string serial, long? start, long? end)
    {
        ulong h = 14695981039346656037UL;
        void Mix(long value)
        {
            for (int i = 0; i < 8; i++)
            {
                h ^= (byte)(value >> (8 * i));
                h *= 1099511628211UL;
            }
        }
        Mix(World.Seed);
        foreach (char c in serial)
            Mix(c);
        Mix(start ?? long.MinValue);
        Mix(end ?? long.MaxValue);
        var random = new Random((int)(h ^ (h >> 32)));
        for (int i = entries.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (entries[i], entries[j]) = (entries[j], entries[i]);
        }
    }

    /// <summary>The device's channels of one message, in the order the real device writes them: pos, satc, satq; then by case.</summary>
    private SensorChannel[] Ordered(EmulatorDevice device, bool gps) =>
        _ordered.TryGetValue(device.Id, out var ordered)
            ? (gps ? ordered.Gps : ordered.Other)
            : throw new ArgumentException($"Unknown device {device.SerialNumber}.", nameof(device));

    private SensorChannel[] OrderChannels(EmulatorDevice device, bool gps)
    {
        var channels = Fleet.Channels(device).Where(c => SapCases.CaseOf(c.Type) is int k && SapCases.IsGps(k) == gps);
        return (gps
            ? channels.OrderBy(c => c.Type switch { SapCases.Position => 0, SapCases.SatCount => 1, _ => 2 })
            : channels.OrderBy(c => SapCases.CaseOf(c.Type))).ToArray();
    }

    private SensorChannel? Channel(EmulatorDevice device, int pointCase) =>
        Fleet.Channels(device).FirstOrDefault(c => SapCases.CaseOf(c.Type) == pointCase);

    private EmulatorResource[] Resources(EmulatorDevice device) => Fleet.Model(device).Resources;

    private static bool Has(SensorChannel channel, long time) => DataSpan.FloorDiv(time, channel.PeriodMs) * channel.PeriodMs == time;
}
