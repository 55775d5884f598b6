using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Http;
using Igtimi.Client.Json;

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
    public sealed class PackedDataReader : IJsonTokenHandler
    {
        internal const MethodImplOptions HotPath = IncrementalJsonReader.HotPath;

        private readonly IncrementalJsonReader _json = new IncrementalJsonReader();

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
        private string _deviceKey = "";
        private bool _keyIsType;
        private string _columnName = "";
        private readonly List<string> _skipped = new List<string>();
        private int _skippedCount;

        public PackedDataReader(Func<IgtimiDataBlock, CancellationToken, Task> onBlock)
        {
            _onBlock = onBlock ?? throw new ArgumentNullException(nameof(onBlock));
        }

        /// <summary>Receives one line per anomaly (null times, columns of unequal length, unsorted times).</summary>
        public Action<string>? Warning { get; set; }

        /// <summary>Decides per block key whether to skip it (e.g. already delivered before a retry).</summary>
        public Func<string, int, int, bool>? SkipBlock { get; set; }

        /// <summary>Bytes read from the stream so far.</summary>
        public long ByteCount => _json.ByteCount;


        public static async Task<IReadOnlyList<IgtimiDataBlock>> ReadAllAsync(Stream stream, CancellationToken cancellationToken,
            Action<string>? warning = null)
        {
            var blocks = new List<IgtimiDataBlock>();
            var reader = new PackedDataReader((block, _) => { blocks.Add(block); return Task.CompletedTask; }) { Warning = warning };
            await reader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
            return blocks;
        }

        /// <summary>
        /// Reads the whole body. A body that is not packed data (not JSON, cut short, invalid UTF-8,
        /// nested too deeply, of the wrong shape) is an invalid-response error; the API's own error
        /// shape is an API error; failures of the stream itself (IOException) pass through.
        /// </summary>
        public async Task ReadAsync(Stream stream, CancellationToken cancellationToken)
        {
            try
            {
                await _json.ReadAsync(stream, this, "packed data", cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ReportSkipped();
            }
            if (_apiError != null)
                throw new IgtimiApiException($"The server answered with an error instead of data: {SafeText.Excerpt(_apiError, 200)}" +
                                             (_apiReason is null ? "." : $" ({SafeText.Excerpt(_apiReason, 300)})."),
                    null, SafeText.Excerpt(_apiError, 200), _apiReason is null ? null : SafeText.Excerpt(_apiReason, 1000),
                    null, null, kind: IgtimiErrorKind.ApiError);
        }

        bool IJsonTokenHandler.IsComplete => _state == State.Done;

        async Task IJsonTokenHandler.FlushAsync(CancellationToken cancellationToken)
        {
            foreach (var block in _completed)
            {
                await _onBlock(block, cancellationToken).ConfigureAwait(false);
                // Only once the consumer is done; after a failure the arrays are left to the collector.
                block.ReturnBorrowedBuffers();
            }
            _completed.Clear();
        }

        /// <summary>
        /// Blocks may be handed over in the parse's pooled buffers instead of exact copies (see
        /// <see cref="Api.IgtimiDataSlice.BlocksAreBorrowed"/>); a block with anything to mend is still copied.
        /// </summary>
        public bool LendBuffers { get; set; }

        [MethodImpl(HotPath)]
        void IJsonTokenHandler.Token(ref Utf8JsonReader reader)
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
                    var rootKey = (_rootProperty ?? "").Trim();
                    if (rootKey == "error") _apiError = ScalarText(ref reader);
                    else if (rootKey == "reason") _apiReason = ScalarText(ref reader);
                    else
                    {
                        Note($"'{SafeText.Excerpt(rootKey, 40)}' holds {Describe(token)}, not a device's data");
                        if (token == JsonTokenType.StartArray) BeginSkip(State.Root);
                    }
                    return;

                case State.Device:
                    if (token == JsonTokenType.EndObject) { _state = State.Root; return; }
                    if (token == JsonTokenType.PropertyName)
                    {
                        _deviceKey = reader.GetString() ?? "";
                        _block = null;
                        _keyIsType = TryParseTypeKey(_deviceKey, out var type, out var dsi);
                        if (_keyIsType && !(SkipBlock?.Invoke(_serial!, type, dsi) ?? false)) _block = new BlockBuilder(_serial!, type, dsi);
                        return;
                    }
                    if (token == JsonTokenType.StartObject && _block != null) { _state = State.Block; return; }
                    if (token == JsonTokenType.StartObject || token == JsonTokenType.StartArray)
                    {
                        // A block left out because it was delivered before a retry is not news; anything else is.
                        // Named keys beside the type keys are the server's metadata (archived resources), not data.
                        if (!_keyIsType && LooksLikeTypeKey(_deviceKey))
                            Note($"{SafeText.Excerpt(_serial, 40)}: the key '{SafeText.Excerpt(_deviceKey, 40)}' is not a data type code " +
                                 $"('<code>' or '<code>:<dsi>', codes 1 to {int.MaxValue})");
                        else if (_block is null && token == JsonTokenType.StartArray)
                            Note($"{SafeText.Excerpt(_serial, 40)} type {SafeText.Excerpt(_deviceKey, 40)} holds an array, not a block");
                        BeginSkip(State.Device);
                        return;
                    }
                    if (_keyIsType) Note($"{SafeText.Excerpt(_serial, 40)} type {SafeText.Excerpt(_deviceKey, 40)} holds {Describe(token)}, not a block");
                    return;

                case State.Block:
                    if (token == JsonTokenType.EndObject)
                    {
                        _completed.Add(_block!.Build(Warning, LendBuffers));
                        _block = null;
                        _state = State.Device;
                        return;
                    }
                    if (token == JsonTokenType.PropertyName)
                    {
                        _columnName = reader.GetString() ?? "";
                        _column = ColumnIndex(_columnName);
                        return;
                    }
                    if (token == JsonTokenType.StartArray && _column >= -1) { _state = State.Column; return; }
                    Note($"{SafeText.Excerpt(_serial, 40)} type {SafeText.Excerpt(_deviceKey, 40)}: " + (_column >= -1
                        ? $"the column '{SafeText.Excerpt(_columnName, 20)}' holds {Describe(token)}, not an array"
                        : $"'{SafeText.Excerpt(_columnName, 20)}' is neither 't' nor a component number 1 to 64"));
                    if (token == JsonTokenType.StartArray || token == JsonTokenType.StartObject) BeginSkip(State.Block);
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

        private static string Describe(JsonTokenType token)
        {
            switch (token)
            {
                case JsonTokenType.StartObject: return "an object";
                case JsonTokenType.StartArray: return "an array";
                case JsonTokenType.String: return "a string";
                case JsonTokenType.Number: return "a number";
                case JsonTokenType.True:
                case JsonTokenType.False: return "a boolean";
                case JsonTokenType.Null: return "null";
                default: return token.ToString();
            }
        }

        /// <summary>Something that is not packed data was passed over; reported once per body.</summary>
        private void Note(string what)
        {
            _skippedCount++;
            if (_skipped.Count < 5) _skipped.Add(what);
        }

        private void ReportSkipped()
        {
            if (_skippedCount == 0) return;
            var more = _skippedCount > _skipped.Count ? $"; and {_skippedCount - _skipped.Count} more" : "";
            Warning?.Invoke($"Parts of the body that are not packed data were skipped: {string.Join("; ", _skipped)}{more}.");
            _skipped.Clear();
            _skippedCount = 0;
        }

        private void BeginSkip(State returnTo)
        {
            _afterSkip = returnTo;
            _skipDepth = 1;
            _state = State.Skip;
        }

        private static string? ScalarText(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.String ? reader.GetString() :
            reader.TokenType == JsonTokenType.Null ? null :
            Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());

        private static bool LooksLikeTypeKey(string key)
        {
            var text = key.Trim();
            return text.Length > 0 && (char.IsDigit(text[0]) || text[0] == '-' || text[0] == '+');
        }

        /// <summary>"1", " 1", "13:201" → type and DSI; anything else (archive metadata) is not a type key.</summary>
        public static bool TryParseTypeKey(string key, out int type, out int dsi)
        {
            dsi = 0;
            var text = key.Trim();
            var colon = text.IndexOf(':');
            var typeText = colon < 0 ? text : text.Substring(0, colon).Trim();
            if (!int.TryParse(typeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out type) || type <= 0)
                return false;
            if (colon >= 0 && !int.TryParse(text.Substring(colon + 1).Trim(), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out dsi))
                return false;
            return true;
        }

        private static int ColumnIndex(string name)
        {
            var trimmed = name.Trim();
            if (trimmed == "t") return -1;
            return int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k) &&
                k >= 1 && k <= 64 ? k - 1 : -2;
        }

        /// <summary>Collects one block's columns, then checks and orders them.</summary>
        private sealed class BlockBuilder
        {
            private readonly string _serial;
            private readonly int _type;
            private readonly int _dsi;
            // Growth buffers come from the shared pools and go back when the block is built: a long download allocates
            // each block's exact arrays once instead of every doubling of every column.
            private long[] _times = ArrayPool<long>.Shared.Rent(256);
            private bool[]? _nullTimes;
            private int _timeCount;
            private readonly List<double[]> _columns = new List<double[]>();
            private readonly List<int> _counts = new List<int>();
            private List<string?[]?>? _texts;
            private int _nonTimes;
            private int _nonNumbers;

            /// <summary>A number that can stand for a time at all (finite, within the long range); plausibility is checked later.</summary>
            private static bool IsTime(double value) => !double.IsNaN(value) && !double.IsInfinity(value) && Math.Abs(value) < 9e18;

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
                if (_timeCount == _times.Length) _times = Grow(_times, _timeCount);
                long value = 0;
                var isNull = true;
                if (reader.TokenType == JsonTokenType.Number)
                {
                    if (reader.TryGetInt64(out value)) isNull = false;
                    else if (reader.TryGetDouble(out var d) && IsTime(d)) { value = (long)Math.Round(d); isNull = false; }
                    else _nonTimes++;
                }
                else if (reader.TokenType == JsonTokenType.String)
                {
                    if (double.TryParse(reader.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture,
                            out var parsed) && IsTime(parsed))
                    {
                        value = (long)Math.Round(parsed);
                        isNull = false;
                    }
                    else _nonTimes++;
                }
                else if (reader.TokenType != JsonTokenType.Null) _nonTimes++;
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
                    _columns.Add(ArrayPool<double>.Shared.Rent(Math.Max(256, _times.Length)));
                    _counts.Add(0);
                }
                var values = _columns[column];
                var count = _counts[column];
                if (count == values.Length) _columns[column] = values = Grow(values, count);
                double value;
                switch (reader.TokenType)
                {
                    case JsonTokenType.Number:
                        if (!reader.TryGetDouble(out value) || double.IsInfinity(value))
                        {
                            value = double.NaN;
                            _nonNumbers++;
                        }
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

            private IgtimiDataBlock Lend()
            {
                var times = _times;
                var columns = _columns.ToArray();
                _times = Array.Empty<long>();
                _columns.Clear();
                return new IgtimiDataBlock(_serial, _type, _dsi, times, columns, _timeCount, () =>
                {
                    ArrayPool<long>.Shared.Return(times);
                    foreach (var column in columns) ArrayPool<double>.Shared.Return(column);
                });
            }

            private static T[] Grow<T>(T[] rented, int count)
            {
                var grown = ArrayPool<T>.Shared.Rent(rented.Length * 2);
                Array.Copy(rented, grown, count);
                ArrayPool<T>.Shared.Return(rented);
                return grown;
            }

            private void ReturnBuffers()
            {
                ArrayPool<long>.Shared.Return(_times);
                _times = Array.Empty<long>();
                foreach (var column in _columns) ArrayPool<double>.Shared.Return(column);
                _columns.Clear();
            }

            /// <summary>Packed GPS is longitude (component 1), latitude (component 2); NaN (a missing value) passes.</summary>
            private bool IsOnTheGlobe(int i)
            {
                var lon = _columns.Count > 0 && i < _counts[0] ? _columns[0][i] : double.NaN;
                var lat = _columns.Count > 1 && i < _counts[1] ? _columns[1][i] : double.NaN;
                return !(Math.Abs(lon) > 180) && !(Math.Abs(lat) > 90);
            }

            public IgtimiDataBlock Build(Action<string>? warning, bool lend = false)
            {
                var key = _dsi == 0 ? _type.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{_type}:{_dsi}";
                var problems = new List<string>();
                for (var k = 0; k < _columns.Count; k++)
                {
                    if (_counts[k] < _timeCount)
                        problems.Add($"component {k + 1} has {_counts[k]} values for {_timeCount} times (the missing values are NaN)");
                    else if (_counts[k] > _timeCount)
                        problems.Add($"component {k + 1} has {_counts[k]} values for {_timeCount} times " +
                                     $"(the {_counts[k] - _timeCount} values without a time were left out)");
                }

                // Keep the samples that have a plausible time; a sample without one cannot be placed. The list of kept indices
                // is only made when a sample is dropped or out of order.
                List<int>? keep = null;
                var nullCount = 0;
                var implausible = 0;
                long firstImplausible = 0;
                var badPositions = 0;
                var sorted = true;
                for (var i = 0; i < _timeCount; i++)
                {
                    var dropped = true;
                    if (_nullTimes != null && _nullTimes[i]) nullCount++;
                    else if (!UnixTime.IsPlausible(_times[i]))
                    {
                        if (implausible++ == 0) firstImplausible = _times[i];
                    }
                    else if (_type == 1 && !IsOnTheGlobe(i)) badPositions++;
                    else dropped = false;
                    if (dropped && keep == null)
                    {
                        keep = new List<int>(_timeCount);
                        for (var k = 0; k < i; k++) keep.Add(k);
                    }
                    else if (!dropped)
                    {
                        if (keep != null)
                        {
                            if (keep.Count > 0 && _times[i] < _times[keep[keep.Count - 1]]) sorted = false;
                            keep.Add(i);
                        }
                        else if (i > 0 && _times[i] < _times[i - 1]) sorted = false;
                    }
                }
                if (nullCount > 0)
                    problems.Add(_nonTimes > 0
                        ? $"{nullCount} of {_timeCount} samples have no time or one that is not a number and were left out"
                        : $"{nullCount} of {_timeCount} samples have no time and were left out");
                if (implausible > 0)
                    problems.Add($"{implausible} of {_timeCount} samples have impossible times, not after 1970-01-01 and before {UnixTime.PlausibleEnd.Year} " +
                                 $"(such as {UnixTime.Describe(firstImplausible)}), and were left out");
                if (badPositions > 0)
                    problems.Add($"{badPositions} of {_timeCount} positions lie off the globe " +
                                 "(latitude beyond ±90° or longitude beyond ±180°) and were left out");
                if (_nonNumbers > 0) problems.Add($"{_nonNumbers} values are numbers too large for a double (they are NaN)");

                if (!sorted)
                {
                    if (keep == null)
                    {
                        keep = new List<int>(_timeCount);
                        for (var k = 0; k < _timeCount; k++) keep.Add(k);
                    }
                    var times = _times;
                    keep.Sort((a, b) => times[a] != times[b] ? times[a].CompareTo(times[b]) : a.CompareTo(b));
                    problems.Add("the times were not in order and were sorted");
                }

                if (problems.Count > 0) warning?.Invoke($"{_serial} type {key}: " + string.Join("; ", problems) + ".");
                // Nothing to mend (every sample kept, in order, each component complete, no text): the buffers themselves.
                if (lend && problems.Count == 0 && keep == null && _texts == null) return Lend();

                var identity = keep == null;
                var kept = keep?.Count ?? _timeCount;
                var resultTimes = new long[kept];
                if (identity) Array.Copy(_times, resultTimes, kept);
                else for (var i = 0; i < kept; i++) resultTimes[i] = _times[keep![i]];

                var components = new double[_columns.Count][];
                string?[][]? texts = null;
                for (var k = 0; k < _columns.Count; k++)
                {
                    var source = _columns[k];
                    var count = _counts[k];
                    var column = new double[kept];
                    if (identity && count >= kept) Array.Copy(source, column, kept);
                    else
                    {
                        for (var i = 0; i < kept; i++)
                        {
                            var index = identity ? i : keep![i];
                            column[i] = index < count ? source[index] : double.NaN;
                        }
                    }
                    components[k] = column;

                    var sourceTexts = _texts != null && k < _texts.Count ? _texts[k] : null;
                    if (sourceTexts != null)
                    {
                        texts ??= new string?[_columns.Count][];
                        var columnTexts = new string?[kept];
                        for (var i = 0; i < kept; i++)
                        {
                            var index = identity ? i : keep![i];
                            columnTexts[i] = index < sourceTexts.Length ? sourceTexts[index] : null;
                        }
                        texts[k] = columnTexts;
                    }
                }
                ReturnBuffers();
                return new IgtimiDataBlock(_serial, _type, _dsi, resultTimes, components, texts);
            }
        }
    }

    /// <summary>A body that is not in the data format it should be; the caller adds the endpoint (see <see cref="IgtimiResponse.Invalid"/>).</summary>
    public sealed class IgtimiPayloadException : IgtimiApiException
    {
        internal IgtimiPayloadException(string problem, byte[] head, int headLength, Exception? inner)
            : base($"The data cannot be read: {problem}." + (headLength > 0 ? $" The body begins: {SafeText.Excerpt(head, headLength)}" : ""),
                null, null, null, null, null, SafeText.Excerpt(head, headLength), innerException: inner, kind: IgtimiErrorKind.InvalidResponse)
        {
            Problem = problem;
            Head = head;
            HeadLength = headLength;
        }

        public string Problem { get; }
        internal byte[] Head { get; }
        internal int HeadLength { get; }
    }
}
