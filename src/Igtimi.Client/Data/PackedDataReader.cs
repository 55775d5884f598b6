using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Http;

namespace Igtimi.Client.Data
{
    /// <summary>
    /// Streams the packed data format, <c>{serial: {"type[:dsi]": {"t": [...], "1": [...], ...}}}</c>
    /// (or a JSON array of such objects, as WebSocket frames carry), from a stream as it arrives.
    /// Each device × type block is handed over as soon as it is complete, so memory holds one block
    /// at a time. Tolerates what real servers sent: keys with stray spaces, non-numeric keys beside
    /// the type keys, float times, unknown types. Anomalies (null times, columns of another length)
    /// are reported through <see cref="Warning"/> and never silently dropped.
    /// </summary>
    public sealed class PackedDataReader
    {
        private const int InitialBufferSize = 64 * 1024;

        // MethodImplOptions.AggressiveOptimization (not in netstandard2.0): the parse loop runs millions of
        // times in one call, so it is compiled fully optimized at once instead of starting in tier 0.
        internal const MethodImplOptions HotPath = (MethodImplOptions)512;

        private enum State { Start, RootArray, Root, RootValueSkip, Device, Block, Column, Skip, Done }

        private readonly Func<IgtimiDataBlock, CancellationToken, Task> _onBlock;
        private readonly List<IgtimiDataBlock> _completed = new List<IgtimiDataBlock>();

        private State _state = State.Start;
        private State _afterSkip;
        private int _skipDepth;
        private bool _rootIsArray;
        private string? _serial;
        private string? _rootProperty;
        private BlockBuilder? _block;
        private int _column = -2; // -1 = t, k >= 0 = component k+1
        private string? _apiError;
        private string? _apiReason;

        public PackedDataReader(Func<IgtimiDataBlock, CancellationToken, Task> onBlock)
        {
            _onBlock = onBlock ?? throw new ArgumentNullException(nameof(onBlock));
        }

        /// <summary>Receives one line per anomaly (null times, columns of unequal length, unsorted times).</summary>
        public Action<string>? Warning { get; set; }

        /// <summary>Decides per block key whether to skip it (e.g. already delivered before a retry).</summary>
        public Func<string, int, int, bool>? SkipBlock { get; set; }

        /// <summary>
        /// The longest wait for the next bytes of the body; a stalled body then fails with an
        /// IOException, which a download treats like a cut-off connection. Null waits for ever.
        /// </summary>
        public TimeSpan? ReadTimeout { get; set; }

        /// <summary>Number of samples handed over so far.</summary>
        public long SampleCount { get; private set; }

        /// <summary>Bytes read from the stream so far.</summary>
        public long ByteCount { get; private set; }

        public static async Task<IReadOnlyList<IgtimiDataBlock>> ReadAllAsync(Stream stream, CancellationToken cancellationToken, Action<string>? warning = null)
        {
            var blocks = new List<IgtimiDataBlock>();
            var reader = new PackedDataReader((block, _) => { blocks.Add(block); return Task.CompletedTask; }) { Warning = warning };
            await reader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
            return blocks;
        }

        public async Task ReadAsync(Stream stream, CancellationToken cancellationToken)
        {
            var buffer = new byte[InitialBufferSize];
            var length = 0;
            var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            var final = false;
            while (true)
            {
                if (!final)
                {
                    if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                    var read = await ReadSomeAsync(stream, buffer, length, cancellationToken).ConfigureAwait(false);
                    if (read == 0) final = true;
                    length += read;
                    ByteCount += read;
                }

                int consumed;
                try
                {
                    consumed = Parse(new ReadOnlySpan<byte>(buffer, 0, length), final, ref state);
                }
                catch (JsonException ex) when (final)
                {
                    // With the whole rest of the body at hand, an incomplete document means the body was cut off.
                    throw new EndOfStreamException($"The packed data ended before its JSON was complete (the connection may have been cut): {ex.Message}", ex);
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"The packed data is not valid JSON: {ex.Message}", ex);
                }
                foreach (var block in _completed)
                {
                    SampleCount += block.Count;
                    await _onBlock(block, cancellationToken).ConfigureAwait(false);
                }
                _completed.Clear();

                Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
                length -= consumed;
                if (final)
                {
                    if (_state != State.Done)
                        throw new EndOfStreamException("The packed data ended before its JSON was complete (the connection may have been cut).");
                    break;
                }
            }
            if (_apiError != null)
                throw new IgtimiApiException($"The server answered with an error instead of data: {_apiError}" + (_apiReason is null ? "." : $" ({_apiReason})."),
                    null, _apiError, _apiReason, "GET", null);
        }

        private async Task<int> ReadSomeAsync(Stream stream, byte[] buffer, int offset, CancellationToken cancellationToken)
        {
            if (ReadTimeout is null) return await stream.ReadAsync(buffer, offset, buffer.Length - offset, cancellationToken).ConfigureAwait(false);
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(ReadTimeout.Value);
            try
            {
                return await stream.ReadAsync(buffer, offset, buffer.Length - offset, idle.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new IOException($"The response body stalled: no data for {ReadTimeout.Value.TotalSeconds:0.#} s.");
            }
        }

        [MethodImpl(HotPath)]
        private int Parse(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state)
        {
            var reader = new Utf8JsonReader(data, final, state);
            while (reader.Read())
            {
                Token(ref reader);
            }
            state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }

        [MethodImpl(HotPath)]
        private void Token(ref Utf8JsonReader reader)
        {
            var token = reader.TokenType;
            switch (_state)
            {
                case State.Start:
                    if (token == JsonTokenType.StartObject) { _state = State.Root; return; }
                    if (token == JsonTokenType.StartArray) { _rootIsArray = true; _state = State.RootArray; return; }
                    throw new JsonException($"Packed data must be an object or an array, not {token}.");

                case State.RootArray:
                    if (token == JsonTokenType.StartObject) { _state = State.Root; return; }
                    if (token == JsonTokenType.EndArray) { _state = State.Done; return; }
                    throw new JsonException($"A packed data frame holds objects, not {token}.");

                case State.Root:
                    if (token == JsonTokenType.PropertyName) { _rootProperty = reader.GetString(); return; }
                    if (token == JsonTokenType.EndObject) { _state = _rootIsArray ? State.RootArray : State.Done; return; }
                    if (token == JsonTokenType.StartObject)
                    {
                        _serial = (_rootProperty ?? "").Trim();
                        _state = State.Device;
                        return;
                    }
                    // A scalar beside the serials is the data error shape {"error": "...", "reason": "..."}.
                    if (_rootProperty == "error") _apiError = ScalarText(ref reader);
                    else if (_rootProperty == "reason") _apiReason = ScalarText(ref reader);
                    else if (token == JsonTokenType.StartArray) BeginSkip(State.Root);
                    return;

                case State.Device:
                    if (token == JsonTokenType.EndObject) { _state = State.Root; return; }
                    if (token == JsonTokenType.PropertyName)
                    {
                        var key = reader.GetString() ?? "";
                        if (TryParseTypeKey(key, out var type, out var dsi) && !(SkipBlock?.Invoke(_serial!, type, dsi) ?? false))
                        {
                            _block = new BlockBuilder(_serial!, type, dsi);
                        }
                        else
                        {
                            _block = null;
                        }
                        return;
                    }
                    if (token == JsonTokenType.StartObject && _block != null) { _state = State.Block; return; }
                    if (token == JsonTokenType.StartObject || token == JsonTokenType.StartArray) { BeginSkip(State.Device); return; }
                    return; // a scalar under a non-type key: nothing to do

                case State.Block:
                    if (token == JsonTokenType.EndObject)
                    {
                        _completed.Add(_block!.Build(Warning));
                        _block = null;
                        _state = State.Device;
                        return;
                    }
                    if (token == JsonTokenType.PropertyName)
                    {
                        _column = ColumnIndex(ref reader);
                        return;
                    }
                    if (token == JsonTokenType.StartArray && _column >= -1) { _state = State.Column; return; }
                    if (token == JsonTokenType.StartArray || token == JsonTokenType.StartObject) { BeginSkip(State.Block); return; }
                    return;

                case State.Column:
                    if (token == JsonTokenType.EndArray) { _state = State.Block; return; }
                    _block!.Add(_column, ref reader);
                    return;

                case State.Skip:
                    if (token == JsonTokenType.StartObject || token == JsonTokenType.StartArray) _skipDepth++;
                    else if (token == JsonTokenType.EndObject || token == JsonTokenType.EndArray)
                    {
                        if (--_skipDepth == 0) _state = _afterSkip;
                    }
                    return;

                case State.Done:
                    throw new JsonException("There is more data after the end of the packed JSON.");
            }
        }

        private void BeginSkip(State returnTo)
        {
            _afterSkip = returnTo;
            _skipDepth = 1;
            _state = State.Skip;
        }

        private static string? ScalarText(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.String ? reader.GetString() :
            reader.TokenType == JsonTokenType.Null ? null : Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());

        /// <summary>"1", " 1", "13:201" → type and DSI; anything else (archive metadata) is not a type key.</summary>
        public static bool TryParseTypeKey(string key, out int type, out int dsi)
        {
            dsi = 0;
            var text = key.Trim();
            var colon = text.IndexOf(':');
            var typeText = colon < 0 ? text : text.Substring(0, colon).Trim();
            if (!int.TryParse(typeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out type) || type <= 0) return false;
            if (colon >= 0 && !int.TryParse(text.Substring(colon + 1).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out dsi)) return false;
            return true;
        }

        private static int ColumnIndex(ref Utf8JsonReader reader)
        {
            var trimmed = (reader.GetString() ?? "").Trim();
            if (trimmed == "t") return -1;
            return int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k) && k >= 1 && k <= 64 ? k - 1 : -2;
        }

        /// <summary>Collects one block's columns, then checks and orders them.</summary>
        private sealed class BlockBuilder
        {
            private readonly string _serial;
            private readonly int _type;
            private readonly int _dsi;
            private long[] _times = new long[256];
            private bool[]? _nullTimes;
            private int _timeCount;
            private readonly List<double[]> _columns = new List<double[]>();
            private readonly List<int> _counts = new List<int>();
            private List<string?[]?>? _texts;

            public BlockBuilder(string serial, int type, int dsi)
            {
                _serial = serial;
                _type = type;
                _dsi = dsi;
            }

            [MethodImpl(HotPath)]
            public void Add(int column, ref Utf8JsonReader reader)
            {
                if (column == -1) AddTime(ref reader);
                else AddValue(column, ref reader);
            }

            [MethodImpl(HotPath)]
            private void AddTime(ref Utf8JsonReader reader)
            {
                if (_timeCount == _times.Length) Array.Resize(ref _times, _times.Length * 2);
                long value = 0;
                var isNull = true;
                if (reader.TokenType == JsonTokenType.Number)
                {
                    if (!reader.TryGetInt64(out value)) value = (long)Math.Round(reader.GetDouble());
                    isNull = false;
                }
                else if (reader.TokenType == JsonTokenType.String && double.TryParse(reader.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                {
                    value = (long)Math.Round(parsed);
                    isNull = false;
                }
                if (isNull)
                {
                    if (_nullTimes is null) _nullTimes = new bool[_times.Length];
                }
                if (_nullTimes != null)
                {
                    if (_nullTimes.Length < _times.Length) Array.Resize(ref _nullTimes, _times.Length);
                    _nullTimes[_timeCount] = isNull;
                }
                _times[_timeCount++] = value;
            }

            [MethodImpl(HotPath)]
            private void AddValue(int column, ref Utf8JsonReader reader)
            {
                while (_columns.Count <= column)
                {
                    _columns.Add(new double[Math.Max(256, _times.Length)]);
                    _counts.Add(0);
                }
                var values = _columns[column];
                var count = _counts[column];
                if (count == values.Length)
                {
                    Array.Resize(ref values, values.Length * 2);
                    _columns[column] = values;
                }
                double value;
                switch (reader.TokenType)
                {
                    case JsonTokenType.Number:
                        value = reader.GetDouble();
                        break;
                    case JsonTokenType.String:
                        value = double.NaN;
                        Text(column, count, reader.GetString());
                        break;
                    case JsonTokenType.True:
                        value = 1;
                        break;
                    case JsonTokenType.False:
                        value = 0;
                        break;
                    default:
                        value = double.NaN;
                        break;
                }
                values[count] = value;
                _counts[column] = count + 1;
            }

            private void Text(int column, int index, string? text)
            {
                _texts ??= new List<string?[]?>();
                while (_texts.Count <= column) _texts.Add(null);
                var texts = _texts[column];
                if (texts is null || texts.Length <= index)
                {
                    var grown = new string?[Math.Max(index + 1, _columns[column].Length)];
                    if (texts != null) Array.Copy(texts, grown, texts.Length);
                    _texts[column] = texts = grown;
                }
                texts[index] = text;
            }

            public IgtimiDataBlock Build(Action<string>? warning)
            {
                var key = _dsi == 0 ? _type.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{_type}:{_dsi}";
                var problems = new List<string>();
                for (var k = 0; k < _columns.Count; k++)
                {
                    if (_counts[k] < _timeCount)
                        problems.Add($"component {k + 1} has {_counts[k]} values for {_timeCount} times (the missing values are NaN)");
                    else if (_counts[k] > _timeCount)
                        problems.Add($"component {k + 1} has {_counts[k]} values for {_timeCount} times (the {_counts[k] - _timeCount} values without a time were left out)");
                }

                // Keep the samples that have a time; a sample without one cannot be placed.
                var keep = new List<int>(_timeCount);
                var nullCount = 0;
                for (var i = 0; i < _timeCount; i++)
                {
                    if (_nullTimes != null && _nullTimes[i]) nullCount++;
                    else keep.Add(i);
                }
                if (nullCount > 0) problems.Add($"{nullCount} of {_timeCount} samples have no time and were left out");

                var sorted = true;
                for (var i = 1; i < keep.Count; i++)
                    if (_times[keep[i]] < _times[keep[i - 1]]) { sorted = false; break; }
                if (!sorted)
                {
                    var times = _times;
                    keep.Sort((a, b) => times[a] != times[b] ? times[a].CompareTo(times[b]) : a.CompareTo(b));
                    problems.Add("the times were not in order and were sorted");
                }

                if (problems.Count > 0) warning?.Invoke($"{_serial} type {key}: " + string.Join("; ", problems) + ".");

                var identity = nullCount == 0 && sorted;
                var resultTimes = new long[keep.Count];
                if (identity) Array.Copy(_times, resultTimes, keep.Count);
                else for (var i = 0; i < keep.Count; i++) resultTimes[i] = _times[keep[i]];

                var components = new double[_columns.Count][];
                string?[][]? texts = null;
                for (var k = 0; k < _columns.Count; k++)
                {
                    var source = _columns[k];
                    var count = _counts[k];
                    var column = new double[keep.Count];
                    for (var i = 0; i < keep.Count; i++)
                    {
                        var index = identity ? i : keep[i];
                        column[i] = index < count ? source[index] : double.NaN;
                    }
                    components[k] = column;

                    var sourceTexts = _texts != null && k < _texts.Count ? _texts[k] : null;
                    if (sourceTexts != null)
                    {
                        texts ??= new string?[_columns.Count][];
                        var columnTexts = new string?[keep.Count];
                        for (var i = 0; i < keep.Count; i++)
                        {
                            var index = identity ? i : keep[i];
                            columnTexts[i] = index < sourceTexts.Length ? sourceTexts[index] : null;
                        }
                        texts[k] = columnTexts;
                    }
                }
                return new IgtimiDataBlock(_serial, _type, _dsi, resultTimes, components, texts);
            }
        }
    }
}
