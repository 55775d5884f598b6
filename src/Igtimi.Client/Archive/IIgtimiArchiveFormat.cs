using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Igtimi.Client.Archive
{
    /// <summary>
    /// The file format of an archive (Parquet): writes row groups of <see cref="IgtimiArchiveRows"/> to a stream and
    /// reads them back. The columns are those of <see cref="IgtimiArchiveSchema"/>.
    /// </summary>
    public interface IIgtimiArchiveFormat
    {
        /// <summary>The file extension with its dot (".parquet").</summary>
        string Extension { get; }

        IIgtimiArchiveFileWriter CreateWriter(Stream stream, string serialNumber);

        /// <summary>Reads the file row group by row group; <paramref name="onRows"/> gets each (the buffer is reused).</summary>
        Task ReadAsync(Stream stream, Func<IgtimiArchiveRows, CancellationToken, Task> onRows, CancellationToken cancellationToken);
    }

    /// <summary>One file being written: row groups, then <see cref="CompleteAsync"/> (the footer).</summary>
    public interface IIgtimiArchiveFileWriter : IDisposable
    {
        Task WriteRowGroupAsync(IgtimiArchiveRows rows, CancellationToken cancellationToken);

        Task CompleteAsync(CancellationToken cancellationToken);
    }
}
