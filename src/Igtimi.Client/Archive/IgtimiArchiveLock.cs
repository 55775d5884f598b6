using System;
using System.IO;

namespace Igtimi.Client.Archive
{
    /// <summary>
    /// Held for the whole of a run: the lock file opened for this process alone (an advisory lock on Unix), so a second run
    /// against the same archive is refused. The operating system releases it when the process dies, so a killed run
    /// never leaves the archive locked.
    /// </summary>
    public sealed class IgtimiArchiveLock : IDisposable
    {
        private readonly FileStream _stream;

        private IgtimiArchiveLock(FileStream stream) => _stream = stream;

        /// <exception cref="IgtimiArchiveLockedException">Another run holds the archive.</exception>
        public static IgtimiArchiveLock Acquire(string folder)
        {
            var path = Path.Combine(folder, IgtimiArchiveSchema.LockFile);
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                // Who holds it, for a person who finds the file; the lock itself is the open handle, not this text.
                var text = System.Text.Encoding.UTF8.GetBytes(
                    $"Save-IgtimiData, process {System.Diagnostics.Process.GetCurrentProcess().Id}, since {DateTimeOffset.UtcNow:u}\n");
                stream.SetLength(0);
                stream.Write(text, 0, text.Length);
                stream.Flush();
                return new IgtimiArchiveLock(stream);
            }
            catch (IOException ex) when (!(ex is FileNotFoundException) && !(ex is DirectoryNotFoundException))
            {
                throw new IgtimiArchiveLockedException(folder, ex);
            }
        }

        public void Dispose() => _stream.Dispose();
    }

    public sealed class IgtimiArchiveLockedException : IOException
    {
        public IgtimiArchiveLockedException(string folder, Exception inner)
            : base($"The archive '{folder}' is in use by another run (its lock file {IgtimiArchiveSchema.LockFile} is held); " +
                   "wait for that run to end, then try again.", inner)
        {
            Folder = folder;
        }

        public string Folder { get; }
    }
}
