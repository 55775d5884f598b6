using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;
using Igtimi.Client.Data;
using Igtimi.Client.Http;
using Igtimi.Client.Json;

namespace Igtimi.Client.Dialects.Sap
{
    /// <summary>
    /// Reads SAP's data answers, <c>{"&lt;serial&gt;":["&lt;base64 com.igtimi.Msg&gt;", …]}</c>, as they arrive:
    /// each string is decoded into its data points, which go to a <see cref="SapPointCollector"/>. The
    /// server gives no order and may send a message twice, so the collector sorts and de-duplicates
    /// before any block comes out. A message that is not base64 or not protobuf is skipped and counted.
    /// </summary>
    internal sealed class SapDataReader : IJsonTokenHandler
    {
        private enum State { Start, Root, Array, Skip, Done }

        private readonly SapPointCollector _points;
        private readonly IncrementalJsonReader _json = new IncrementalJsonReader();
        private State _state = State.Start;
        private int _skipDepth;
        private string _key = "";
        private byte[] _text = new byte[1024];
        private byte[] _bytes = new byte[768];
        private int _badMessages;
        private string? _firstBadMessage;
        private int _notArrays;

        public SapDataReader(SapPointCollector points)
        {
            _points = points;
        }

        public long ByteCount => _json.ByteCount;

        /// <summary>Messages in the body (decoded or not).</summary>
        public long MessageCount { get; private set; }

        public async Task ReadAsync(Stream stream, CancellationToken cancellationToken)
        {
            await _json.ReadAsync(stream, this, "SAP data (serial numbers with arrays of base64 messages)", cancellationToken).ConfigureAwait(false);
        }

        /// <summary>What was skipped, for one warning (null when nothing was).</summary>
        public string? Problems()
        {
            var problems = new List<string>();
            if (_badMessages > 0)
                problems.Add($"{_badMessages} of {MessageCount} messages are not base64 protobuf and were skipped (the first: {_firstBadMessage})");
            if (_notArrays > 0) problems.Add($"{_notArrays} members hold something other than an array of messages and were skipped");
            return problems.Count == 0 ? null : string.Join("; ", problems);
        }

        bool IJsonTokenHandler.IsComplete => _state == State.Done;

        Task IJsonTokenHandler.FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [MethodImpl(IncrementalJsonReader.HotPath)]
        void IJsonTokenHandler.Token(ref Utf8JsonReader reader)
        {
            var token = reader.TokenType;
            switch (_state)
            {
                case State.Start:
                    if (token != JsonTokenType.StartObject) throw new JsonException($"SAP data is a JSON object, not {token}");
                    _state = State.Root;
                    return;
                case State.Root:
                    if (token == JsonTokenType.PropertyName) { _key = (reader.GetString() ?? "").Trim(); return; }
                    if (token == JsonTokenType.EndObject) { _state = State.Done; return; }
                    if (token == JsonTokenType.StartArray) { _state = State.Array; return; }
                    _notArrays++;
                    if (token == JsonTokenType.StartObject) { _skipDepth = 1; _state = State.Skip; }
                    return;
                case State.Array:
                    if (token == JsonTokenType.EndArray) { _state = State.Root; return; }
                    if (token == JsonTokenType.String) { Message(ref reader); return; }
                    throw new JsonException($"the messages of '{SafeText.Excerpt(_key, 40)}' hold {token}, not base64 strings");
                case State.Skip:
                    if (token == JsonTokenType.StartObject || token == JsonTokenType.StartArray) _skipDepth++;
                    else if ((token == JsonTokenType.EndObject || token == JsonTokenType.EndArray) && --_skipDepth == 0) _state = State.Root;
                    return;
                default:
                    throw new JsonException("there is more data after the end of the JSON");
            }
        }

        [MethodImpl(IncrementalJsonReader.HotPath)]
        private void Message(ref Utf8JsonReader reader)
        {
            MessageCount++;
            var escapedLength = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
            if (!reader.HasValueSequence)
            {
                var most = SapBase64.MaxDecodedLength(escapedLength);
                if (_bytes.Length < most) _bytes = new byte[Math.Max(most, _bytes.Length * 2)];
                var decoded = SapBase64.Decode(reader.ValueSpan, _bytes);
                if (decoded >= 0)
                {
                    Take(decoded);
                    return;
                }
            }
            // Anything the fast decoder does not take (other escapes, a value split over buffers, no base64) goes the long way.
            if (_text.Length < escapedLength) _text = new byte[Math.Max(escapedLength, _text.Length * 2)];
            // CopyString undoes JSON escapes: SAP's json-simple writes every '/' of the base64 as "\/".
            var length = reader.CopyString(_text);
            var maxBytes = Base64.GetMaxDecodedFromUtf8Length(length);
            if (_bytes.Length < maxBytes) _bytes = new byte[Math.Max(maxBytes, _bytes.Length * 2)];
            if (Base64.DecodeFromUtf8(new ReadOnlySpan<byte>(_text, 0, length), _bytes, out _, out var written) != OperationStatus.Done)
            {
                Bad("not base64");
                return;
            }
            Take(written);
        }

        [MethodImpl(IncrementalJsonReader.HotPath)]
        private void Take(int length)
        {
            try
            {
                _points.Add(new ReadOnlySpan<byte>(_bytes, 0, length), _key);
            }
            catch (InvalidProtocolBufferException ex)
            {
                Bad(ex.Message);
            }
        }

        private void Bad(string why)
        {
            if (_badMessages++ == 0) _firstBadMessage = $"message {MessageCount} of '{SafeText.Excerpt(_key, 40)}': {SafeText.Excerpt(why, 120)}";
        }

        public IgtimiPayloadException Invalid(string problem) => _json.Invalid(problem, null);
    }
}
