using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Igtimi.Client.Data;
using Igtimi.Client.Dialects.Sap.Protocol;
using Igtimi.Client.Http;
using Igtimi.Client.Json;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.Sap
{
    /// <summary>
    /// Gathers the points of SAP messages per device × type × DSI and hands them on as blocks sorted by
    /// time, each sample once: SAP's server sends messages in no order and, where two of the caller's
    /// data access windows overlap, the same message twice. A point is kept when its own time is in
    /// the window asked for (a message is dated by its first point, so its others may lie outside),
    /// its device was asked for, and its type was; anything else is counted, and what is dropped for
    /// being wrong (no time, a device not asked for, a case this module does not read) is reported.
    /// </summary>
    internal sealed class SapPointCollector
    {
        // Serial, then (type, DSI): a point costs one string comparison with the last serial, not a string hash.
        private readonly Dictionary<string, Dictionary<(int Type, int Dsi), Column>> _columns =
            new Dictionary<string, Dictionary<(int Type, int Dsi), Column>>(StringComparer.Ordinal);
        private string? _lastSerial;
        private Dictionary<(int Type, int Dsi), Column>? _lastColumns;
        // The last serial's columns of DSI 0 by type code (nearly every point): an array index instead of a tuple hash.
        private Column?[] _lastByType = new Column?[ByTypeCodes];
        private const int ByTypeCodes = 64;
        private readonly IgtimiSerialNumbers? _serials;
        private readonly HashSet<int>? _types;
        private readonly long _from;
        private readonly long _to;
        private readonly Dictionary<string, int> _notAskedFor = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly SortedDictionary<int, int> _unknownCases = new SortedDictionary<int, int>();
        private readonly SapWireReader _wire = new SapWireReader();
        private int _noTime;
        private int _impossibleTime;

        /// <param name="serials">The devices asked for (null: any).</param>
        /// <param name="types">The type codes asked for (null: any).</param>
        /// <param name="from">The first millisecond of the window (inclusive).</param>
        /// <param name="to">The last millisecond of the window (inclusive).</param>
        public SapPointCollector(IgtimiSerialNumbers? serials, IEnumerable<int>? types, long from = long.MinValue, long to = long.MaxValue)
        {
            _serials = serials;
            _types = types is null ? null : new HashSet<int>(types);
            _from = from;
            _to = to;
        }

        /// <summary>Samples left out because the same sample came before.</summary>
        public long Duplicates { get; private set; }

        /// <summary>Points left out because their time lies outside the window (they belong to a neighbouring one).</summary>
        public long OutsideWindow { get; private set; }

        /// <summary>
        /// One serialized message: read by the wire reader when it has the regular shape, else by the
        /// generated parser (whose <see cref="Google.Protobuf.InvalidProtocolBufferException"/> means the bytes are no message).
        /// </summary>
        [MethodImpl(IncrementalJsonReader.HotPath)]
        public void Add(ReadOnlySpan<byte> message, string key)
        {
            if (_wire.TryRead(message, key))
            {
                for (var i = 0; i < _wire.PointCount; i++) Take(_wire.Serial(i), in _wire.Point(i));
                return;
            }
            Add(SapMessages.Parse(message), key);
        }

        public void Add(Msg message, string key)
        {
            if (message.MsgCase != Msg.MsgOneofCase.Data) return;
            foreach (var dataMessage in message.Data.Data_)
            {
                string serial = string.IsNullOrWhiteSpace(dataMessage.SerialNumber) ? key : dataMessage.SerialNumber.Trim();
                foreach (var point in dataMessage.Data)
                {
                    if (!SapPoint.TryConvert(point, out var converted, out var altitude, out var code))
                    {
                        _unknownCases[code] = _unknownCases.TryGetValue(code, out var n) ? n + 1 : 1;
                        continue;
                    }
                    Take(serial, converted);
                    if (altitude.HasValue) Take(serial, altitude.Value);
                }
            }
        }

        [MethodImpl(IncrementalJsonReader.HotPath)]
        private void Take(string serial, in SapPoint point)
        {
            if (_types != null && !_types.Contains(point.Type)) return;
            if (_serials != null && !_serials.Contains(serial))
            {
                _notAskedFor[serial] = _notAskedFor.TryGetValue(serial, out var n) ? n + 1 : 1;
                return;
            }
            if (point.Time == 0)
            {
                _noTime++;
                return;
            }
            if (!UnixTime.IsPlausible(point.Time))
            {
                _impossibleTime++;
                return;
            }
            if (point.Time < _from || point.Time > _to)
            {
                OutsideWindow++;
                return;
            }
            if (!string.Equals(serial, _lastSerial, StringComparison.Ordinal))
            {
                if (!_columns.TryGetValue(serial, out _lastColumns)) _columns[serial] = _lastColumns = new Dictionary<(int, int), Column>();
                _lastSerial = serial;
                Array.Clear(_lastByType, 0, ByTypeCodes);
                foreach (var entry in _lastColumns)
                    if (entry.Key.Dsi == 0 && entry.Key.Type >= 0 && entry.Key.Type < ByTypeCodes) _lastByType[entry.Key.Type] = entry.Value;
            }
            var fast = point.Dsi == 0 && point.Type >= 0 && point.Type < ByTypeCodes;
            var column = fast ? _lastByType[point.Type] : null;
            if (column is null)
            {
                var key = (point.Type, point.Dsi);
                if (!_lastColumns!.TryGetValue(key, out column)) _lastColumns[key] = column = new Column();
                if (fast) _lastByType[point.Type] = column;
            }
            column.Add(point);
        }

        /// <summary>Every block gathered so far, sorted and de-duplicated; the collector is empty afterwards.</summary>
        public IReadOnlyList<IgtimiDataBlock> TakeBlocks()
        {
            var blocks = new List<IgtimiDataBlock>();
            foreach (var device in _columns.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                foreach (var entry in device.Value.OrderBy(e => e.Key.Type).ThenBy(e => e.Key.Dsi))
                {
                    var block = entry.Value.ToBlock(device.Key, entry.Key.Type, entry.Key.Dsi, out var duplicates);
                    Duplicates += duplicates;
                    blocks.Add(block);
                }
            }
            _columns.Clear();
            _lastSerial = null;
            _lastColumns = null;
            Array.Clear(_lastByType, 0, ByTypeCodes);
            return blocks;
        }

        /// <summary>The points dropped for being wrong, for one warning (null when none were).</summary>
        public string? Problems()
        {
            var problems = new List<string>();
            if (_noTime > 0) problems.Add($"{_noTime} points have no timestamp (0, a device's unset clock) and were left out");
            if (_impossibleTime > 0) problems.Add($"{_impossibleTime} points have impossible timestamps (from {UnixTime.PlausibleEnd.Year} on) and were left out");
            foreach (var serial in _notAskedFor)
                problems.Add($"{serial.Value} points of {SafeText.Excerpt(serial.Key, 40)}, which was not asked for, were left out");
            if (_unknownCases.Count > 0)
                problems.Add("points of data cases this module does not read were left out (" +
                             string.Join(", ", _unknownCases.Select(c => $"case {c.Key}: {c.Value}")) + ")");
            return problems.Count == 0 ? null : string.Join("; ", problems);
        }

        /// <summary>
        /// One device × type × DSI: times and components as they came, flat (a case always has the same
        /// components, so the first point sets the width; a wider one later widens the column). Kept in
        /// chunks below the large-object size, so growing a column leaves no large garbage behind.
        /// </summary>
        private sealed class Column
        {
            private const int ChunkPoints = 2048;
            private readonly List<long[]> _times = new List<long[]>();
            private readonly List<double[]> _values = new List<double[]>();
            private List<string?[]?>? _texts;
            private int _count;
            private int _width;
            private long[]? _currentTimes;
            private double[]? _currentValues;

            [MethodImpl(IncrementalJsonReader.HotPath)]
            public void Add(in SapPoint point)
            {
                if (_width == 0) _width = point.Width;
                else if (point.Width > _width) Widen(point.Width);
                var slot = _count % ChunkPoints;
                if (slot == 0)
                {
                    _times.Add(_currentTimes = new long[ChunkPoints]);
                    _values.Add(_currentValues = new double[ChunkPoints * _width]);
                }
                _currentTimes![slot] = point.Time;
                var values = _currentValues!;
                var at = slot * _width;
                for (var k = 0; k < _width; k++) values[at + k] = k < point.Width ? point[k] : double.NaN;
                if (point.Texts != null || _texts != null)
                {
                    _texts ??= Enumerable.Repeat<string?[]?>(null, _count).ToList();
                    _texts.Add(point.Texts);
                }
                _count++;
            }

            private void Widen(int width)
            {
                for (var c = 0; c < _values.Count; c++)
                {
                    var old = _values[c];
                    var wider = new double[ChunkPoints * width];
                    for (var i = 0; i < ChunkPoints; i++)
                    for (var k = 0; k < width; k++)
                        wider[i * width + k] = k < _width ? old[i * _width + k] : double.NaN;
                    _values[c] = wider;
                }
                _width = width;
                _currentValues = _values.Count > 0 ? _values[_values.Count - 1] : null;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private long Time(int i) => _times[i / ChunkPoints][i % ChunkPoints];

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private double Value(int i, int k) => _values[i / ChunkPoints][(i % ChunkPoints) * _width + k];

            [MethodImpl(IncrementalJsonReader.HotPath)]
            public IgtimiDataBlock ToBlock(string serial, int type, int dsi, out int duplicates)
            {
                var keys = ArrayPool<long>.Shared.Rent(_count);
                var order = ArrayPool<int>.Shared.Rent(_count);
                try
                {
                    SortByTimeThenArrival(keys, order);
                    var kept = 0;
                    duplicates = 0;
                    for (var n = 0; n < _count; n++)
                    {
                        if (RepeatsAKeptSample(order, kept, order[n]))
                        {
                            duplicates++;
                            continue;
                        }
                        order[kept++] = order[n];
                    }
                    var resultTimes = new long[kept];
                    var components = new double[_width][];
                    for (var k = 0; k < _width; k++) components[k] = new double[kept];
                    string?[][]? texts = _texts is null ? null : new string?[_width][];
                    if (texts != null) for (var k = 0; k < _width; k++) texts[k] = new string?[kept];
                    for (var n = 0; n < kept; n++)
                    {
                        var i = order[n];
                        resultTimes[n] = Time(i);
                        var values = _values[i / ChunkPoints];
                        var at = (i % ChunkPoints) * _width;
                        for (var k = 0; k < _width; k++) components[k][n] = values[at + k];
                        var pointTexts = _texts?[i];
                        if (texts != null && pointTexts != null)
                            for (var k = 0; k < _width && k < pointTexts.Length; k++) texts[k][n] = pointTexts[k];
                    }
                    return new IgtimiDataBlock(serial, type, dsi, resultTimes, components, texts);
                }
                finally
                {
                    ArrayPool<long>.Shared.Return(keys);
                    ArrayPool<int>.Shared.Return(order);
                }
            }

            // A composite key (time since the column's first sample, then arrival index) sorts one primitive array, which is
            // several times faster than sorting times with their indexes, and is stable by construction.
            private const int IndexBits = 22;
            private const long MaxOffset = (1L << (63 - IndexBits)) - 1;

            /// <summary>Fills <paramref name="order"/> with the arrival indexes sorted by time, equal times in arrival order.</summary>
            [MethodImpl(IncrementalJsonReader.HotPath)]
            private void SortByTimeThenArrival(long[] keys, int[] order)
            {
                long min = long.MaxValue, max = long.MinValue;
                for (var i = 0; i < _count; i++)
                {
                    var t = Time(i);
                    if (t < min) min = t;
                    if (t > max) max = t;
                }
                if (_count < 1 << IndexBits && max - min <= MaxOffset)
                {
                    var indexBits = BitsFor(_count);
                    for (var i = 0; i < _count; i++) keys[i] = ((Time(i) - min) << indexBits) | (long)i;
                    RadixSort(keys, _count, BitsFor(max - min) + indexBits);
                    var indexMask = (1L << indexBits) - 1;
                    for (var n = 0; n < _count; n++) order[n] = (int)(keys[n] & indexMask);
                    return;
                }
                for (var i = 0; i < _count; i++)
                {
                    keys[i] = Time(i);
                    order[i] = i;
                }
                Array.Sort(keys, order, 0, _count);
                // Array.Sort is not stable: put equal times back in arrival order, so two different samples at one time keep it.
                for (var start = 0; start < _count;)
                {
                    var end = start + 1;
                    while (end < _count && keys[end] == keys[start]) end++;
                    if (end - start > 1) Array.Sort(order, start, end - start);
                    start = end;
                }
            }

            /// <summary>Bits that hold every value from 0 to <paramref name="max"/>.</summary>
            private static int BitsFor(long max)
            {
                var bits = 1;
                while (bits < 63 && max >> bits != 0) bits++;
                return bits;
            }

            private const int RadixBits = 11;

            /// <summary>
            /// Sorts non-negative keys of <paramref name="bits"/> bits: least significant digit first, 11 bits a pass (a day of
            /// milliseconds and a column's arrival index take four or five). Several times faster than a comparison sort
            /// for the millions of keys of a download, and it needs only a scratch copy.
            /// </summary>
            [MethodImpl(IncrementalJsonReader.HotPath)]
            private static void RadixSort(long[] keys, int count, int bits)
            {
                if (count < 256)
                {
                    Array.Sort(keys, 0, count);
                    return;
                }
                var scratch = ArrayPool<long>.Shared.Rent(count);
                var counts = new int[1 << RadixBits];
                try
                {
                    long[] from = keys, to = scratch;
                    const int mask = (1 << RadixBits) - 1;
                    for (var shift = 0; shift < bits; shift += RadixBits)
                    {
                        Array.Clear(counts, 0, counts.Length);
                        for (var i = 0; i < count; i++) counts[(int)(from[i] >> shift) & mask]++;
                        var total = 0;
                        for (var d = 0; d < counts.Length; d++)
                        {
                            var c = counts[d];
                            counts[d] = total;
                            total += c;
                        }
                        for (var i = 0; i < count; i++)
                        {
                            var key = from[i];
                            to[counts[(int)(key >> shift) & mask]++] = key;
                        }
                        (from, to) = (to, from);
                    }
                    if (!ReferenceEquals(from, keys)) Array.Copy(from, keys, count);
                }
                finally
                {
                    ArrayPool<long>.Shared.Return(scratch);
                }
            }

            /// <summary>Whether sample i equals one already kept at its time (the kept ones of that time are the last few).</summary>
            [MethodImpl(IncrementalJsonReader.HotPath)]
            private bool RepeatsAKeptSample(int[] order, int kept, int i)
            {
                var time = Time(i);
                for (var j = kept - 1; j >= 0 && Time(order[j]) == time; j--)
                    if (IsSameSample(order[j], i)) return true;
                return false;
            }

            [MethodImpl(IncrementalJsonReader.HotPath)]
            private bool IsSameSample(int a, int b)
            {
                if (Time(a) != Time(b)) return false;
                for (var k = 0; k < _width; k++)
                    if (!Value(a, k).Equals(Value(b, k))) return false;
                var tx = _texts?[a];
                var ty = _texts?[b];
                if (tx is null || ty is null) return tx is null && ty is null;
                return tx.SequenceEqual(ty);
            }
        }
    }
}
