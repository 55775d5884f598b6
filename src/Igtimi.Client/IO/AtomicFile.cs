using System;
using System.IO;

namespace Igtimi.Client.IO
{
    /// <summary>
    /// An output file written as "&lt;path&gt;.&lt;random&gt;.partial" and renamed to its real name by <see cref="Commit"/>,
    /// so an interrupted export or download never leaves a half-written file under the real name. Disposing without
    /// a commit deletes the partial file, and so does the end of the process (SIGTERM) before a commit.
    /// </summary>
    public sealed class AtomicFile : IDisposable
    {
        public const string PartialSuffix = ".partial";

        private readonly FileStream _stream;
        private readonly IDisposable _exitCleanup;
        private bool _done;

        private AtomicFile(string path, string partialPath, FileStream stream)
        {
            Path = path;
            PartialPath = partialPath;
            _stream = stream;
            _exitCleanup = ExitCleanup.Register(DeletePartial);
        }

        /// <summary>The final path (absolute).</summary>
        public string Path { get; }

        /// <summary>The path written to until <see cref="Commit"/>.</summary>
        public string PartialPath { get; }

        /// <summary>The stream to write the document to.</summary>
        public Stream Stream => _stream;

        /// <summary>Creates (or truncates) the partial file. The folder must exist.</summary>
        /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
        public static AtomicFile Create(string path)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The path is empty.", nameof(path));
            var full = System.IO.Path.GetFullPath(path);
            var folder = System.IO.Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                throw new DirectoryNotFoundException($"The folder '{folder}' does not exist.");
            if (Directory.Exists(full)) throw new IOException($"'{full}' is a folder; give the path of a file.");
            // A name of its own, so that an unrelated "<path>.partial" is never overwritten or deleted.
            for (var attempt = 0; ; attempt++)
            {
                var partial = $"{full}.{Guid.NewGuid().ToString("N").Substring(0, 8)}{PartialSuffix}";
                try
                {
                    var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
                    return new AtomicFile(full, partial, stream);
                }
                catch (IOException) when (attempt < 3 && File.Exists(partial))
                {
                }
            }
        }

        /// <summary>
        /// Closes the partial file and gives it its real name, replacing an existing file unless
        /// <paramref name="overwrite"/> is false (then an IOException). A read-only file is only replaced
        /// with <paramref name="overwriteReadOnly"/>.
        /// </summary>
        public FileInfo Commit(bool overwrite = true, bool overwriteReadOnly = false)
        {
            if (_done) throw new InvalidOperationException("The export file was already committed or discarded.");
            _stream.Flush(true);
            _stream.Dispose();
            try
            {
                var existing = new FileInfo(Path);
                if (existing.Exists)
                {
                    if (!overwrite) throw new IOException($"The file '{Path}' already exists.");
                    if (existing.IsReadOnly)
                    {
                        if (!overwriteReadOnly) throw new UnauthorizedAccessException($"The file '{Path}' is read-only.");
                        existing.IsReadOnly = false;
                    }
                    try
                    {
                        File.Replace(PartialPath, Path, null);
                    }
                    catch (Exception ex) when (ex is IOException || ex is PlatformNotSupportedException)
                    {
                        // File systems without an atomic replace: delete, then move.
                        File.Delete(Path);
                        File.Move(PartialPath, Path);
                    }
                }
                else
                {
                    File.Move(PartialPath, Path);
                }
            }
            catch
            {
                Discard();
                throw;
            }
            _done = true;
            _exitCleanup.Dispose();
            return new FileInfo(Path);
        }

        /// <summary>Closes and deletes the partial file (what Dispose does without a commit).</summary>
        public void Discard()
        {
            if (_done) return;
            _done = true;
            _exitCleanup.Dispose();
            try { _stream.Dispose(); }
            catch (IOException) { }
            DeletePartial();
        }

        private void DeletePartial()
        {
            try { File.Delete(PartialPath); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        public void Dispose() => Discard();
    }
}
