using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Data;

namespace Igtimi.Client.Json
{
    /// <summary>Takes the tokens of a JSON document one by one, as they arrive (see <see cref="IncrementalJsonReader"/>).</summary>
    internal interface IJsonTokenHandler
    {
        /// <summary>One token; a document of the wrong shape throws a JsonException.</summary>
        void Token(ref Utf8JsonReader reader);

        /// <summary>True once the document has ended as the handler expects.</summary>
        bool IsComplete { get; }

        /// <summary>Hands over what the tokens so far completed, between reads of the stream.</summary>
        Task FlushAsync(CancellationToken cancellationToken);
    }

    /// <summary>
    /// Feeds a JSON body to a handler as it arrives, so that a body of any size needs only the memory of
    /// what the handler keeps. Whatever is not JSON of the expected shape (not JSON, cut short, invalid
    /// UTF-8, nested too deeply, wrong shape) becomes an <see cref="IgtimiPayloadException"/> with the
    /// body's first bytes; failures of the stream itself (IOException) pass through.
    /// </summary>
    internal sealed class IncrementalJsonReader
    {
        private const int InitialBufferSize = 64 * 1024;

        // MethodImplOptions.AggressiveOptimization (not in netstandard2.0): the parse loop runs millions of
        // times in one call, so it is compiled fully optimized at once instead of starting in tier 0.
        internal const MethodImplOptions HotPath = (MethodImplOptions)512;

        private readonly byte[] _head = new byte[256];
        private int _headLength;

        /// <summary>Bytes read from the stream so far.</summary>
        public long ByteCount { get; private set; }

        public byte[] Head => _head;

        public int HeadLength => _headLength;

        /// <param name="what">What the body should hold, for messages ("packed data").</param>
        public async Task ReadAsync(Stream stream, IJsonTokenHandler handler, string what, CancellationToken cancellationToken)
        {
            // The buffer is the shared pool's: a download of many slices reads them all through a few buffers.
            var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
            try
            {
                var length = 0;
                var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
                var final = false;
                while (true)
                {
                    if (!final)
                    {
                        if (length == buffer.Length)
                        {
                            var grown = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                            Buffer.BlockCopy(buffer, 0, grown, 0, length);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = grown;
                        }
                        var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
                        if (read == 0) final = true;
                        if (_headLength < _head.Length)
                        {
                            var take = Math.Min(read, _head.Length - _headLength);
                            Buffer.BlockCopy(buffer, length, _head, _headLength, take);
                            _headLength += take;
                        }
                        length += read;
                        ByteCount += read;
                    }

                    int consumed;
                    try
                    {
                        consumed = Parse(handler, new ReadOnlySpan<byte>(buffer, 0, length), final, ref state);
                    }
                    catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException)
                    {
                        // With the whole rest of the body at hand, an incomplete document was sent cut short.
                        throw Invalid(ByteCount == 0 ? $"the body is empty where {what} was expected"
                            : final && ex is JsonException && IsIncomplete(ex) ? $"the JSON ends before it is complete, after {ByteCount:N0} bytes"
                            : $"the body is not {what} ({Reason(ex)})", ex);
                    }
                    await handler.FlushAsync(cancellationToken).ConfigureAwait(false);

                    Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
                    length -= consumed;
                    if (!final) continue;
                    if (!handler.IsComplete)
                    {
                        throw Invalid(ByteCount == 0
                            ? $"the body is empty where {what} was expected"
                            : $"the JSON ends before it is complete, after {ByteCount:N0} bytes", null);
                    }
                    return;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        [MethodImpl(HotPath)]
        private static int Parse(IJsonTokenHandler handler, ReadOnlySpan<byte> data, bool final, ref JsonReaderState state)
        {
            var reader = new Utf8JsonReader(data, final, state);
            while (reader.Read()) handler.Token(ref reader);
            state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }

        private static bool IsIncomplete(Exception ex) =>
            ex.Message.IndexOf("end of", StringComparison.OrdinalIgnoreCase) >= 0 || ex.Message.IndexOf("incomplete", StringComparison.OrdinalIgnoreCase) >= 0;

        private static string Reason(Exception ex) =>
            ex is InvalidOperationException ? "it holds text that is not valid UTF-8" : Http.SafeText.Excerpt(ex.Message, 200);

        public IgtimiPayloadException Invalid(string problem, Exception? inner) => new IgtimiPayloadException(problem, _head, _headLength, inner);
    }
}
