using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Igtimi.Client.IO
{
    /// <summary>
    /// A write-only view of a file stream whose asynchronous writes are done synchronously. A file opened without
    /// FileOptions.Asynchronous does every asynchronous write that passes its buffer as a work item on the thread pool;
    /// an archive writes many small pages, and the hops (and the idle workers spinning between them) cost more than the
    /// writes into the page cache, which do not wait for the disk. Disposing it leaves the inner stream open (it belongs
    /// to its AtomicFile, which commits or discards it).
    /// </summary>
    internal sealed class SynchronousWriteStream : Stream
    {
        private readonly Stream _inner;

        public SynchronousWriteStream(Stream inner) => _inner = inner ?? throw new ArgumentNullException(nameof(inner));

        public override bool CanRead => false;
        public override bool CanSeek => _inner.CanSeek;
        public override bool CanWrite => true;
        public override long Length => _inner.Length;

        public override long Position
        {
            get => _inner.Position;
            set => _inner.Position = value;
        }

        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _inner.Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override void Flush() => _inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _inner.Flush();
            return Task.CompletedTask;
        }

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);
        public override void SetLength(long value) => _inner.SetLength(value);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is write-only.");
    }
}
