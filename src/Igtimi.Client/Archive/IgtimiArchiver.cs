using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Data;
using Igtimi.Client.Http;
using Igtimi.Client.IO;
using Igtimi.Client.Models;

namespace Igtimi.Client.Archive
{
    public sealed class IgtimiArchiveOptions
    {
        public string Path { get; set; } = "";
        public IReadOnlyList<string> SerialNumbers { get; set; } = Array.Empty<string>();
        public DateTimeOffset Start { get; set; }
        public DateTimeOffset End { get; set; }

        /// <summary>Type codes; null for the dialect's default types.</summary>
        public IReadOnlyList<int>? Types { get; set; }

        public double GpsTolerance { get; set; }

        /// <summary>Devices downloaded at once.</summary>
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Fetch every day again, complete or not.</summary>
        public bool Force { get; set; }

        /// <summary>Rows per Parquet row group (and per column buffer).</summary>
        public int RowGroupSize { get; set; } = 16384;

        /// <summary>
        /// Time of a device's first request. A request's whole answer is held while it is parsed (the JSON dialect sends a
        /// type's times before its values), so the next requests are sized from what the one before held: about
        /// <see cref="SlicePoints"/> samples of a type each, which bounds the memory of a download in flight whatever the
        /// sample rate, without a request per hour where a device logs once a second.
        /// </summary>
        public TimeSpan SliceLength { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Samples of one type a request should bring, about (see <see cref="SliceLength"/>).</summary>
        public int SlicePoints { get; set; } = 16384;

        public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// Archives device data in whole UTC days: the days that Start and End touch, per device, each fetched unless the manifest
    /// says it is complete for the types asked for. Blocks go from the downloader into column buffers and from there into
    /// Parquet row groups; no object per point. Each file appears atomically; a day enters the manifest only when all its
    /// files are written, and files of a day's earlier generation are deleted only after the manifest no longer names them.
    /// Anything a killed run left (partial files, files the manifest does not name) is removed by the next run.
    /// </summary>
    public sealed class IgtimiArchiver
    {
        private static readonly TimeSpan ManifestInterval = TimeSpan.FromSeconds(1);

        private readonly IgtimiConnection _connection;
        private readonly IIgtimiArchiveFormat _format;
        private readonly IgtimiArchiveOptions _options;
        private readonly object _sync = new object();
        private readonly List<string> _pendingDeletes = new List<string>();
        private readonly Stopwatch _clock = new Stopwatch();
        // Column buffers are large; the files of one day hand theirs to the next day's.
        private readonly System.Collections.Concurrent.ConcurrentBag<IgtimiArchiveRows> _spareRows = new System.Collections.Concurrent.ConcurrentBag<IgtimiArchiveRows>();
        private IgtimiArchiveManifest _manifest = new IgtimiArchiveManifest();
        private string _folder = "";
        private TimeSpan _lastSave = TimeSpan.MinValue;
        private bool _dirty;
        private int _daysDone, _daysTotal, _daysOpen, _files;
        private long _rows;
        private DateTimeOffset _now;

        public IgtimiArchiver(IgtimiConnection connection, IIgtimiArchiveFormat format, IgtimiArchiveOptions options)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _format = format ?? throw new ArgumentNullException(nameof(format));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (string.IsNullOrWhiteSpace(options.Path)) throw new ArgumentException("The archive path is empty.");
            if (options.RowGroupSize < 1) throw new ArgumentException("The row group size must be positive.");
            if (options.SliceLength < TimeSpan.FromMinutes(1) || options.SliceLength > TimeSpan.FromDays(1))
                throw new ArgumentException("The first slice must be between a minute and a day long.");
            if (options.SlicePoints < 1) throw new ArgumentException("The samples per request must be positive.");
            // The same checks as a download (serials, window, types), before anything is touched.
            new IgtimiDataQuery
            {
                SerialNumbers = options.SerialNumbers, Start = options.Start, End = options.End, Types = options.Types, GpsTolerance = options.GpsTolerance,
                ThrottleLimit = options.ThrottleLimit,
            }.Validate();
        }

        public Action<string>? Warning { get; set; }

        public IProgress<IgtimiArchiveProgress>? Progress { get; set; }

        /// <summary>The folder name of a partition value: Hive's escaping (percent-encoding of anything but letters, digits, '.', '_', '-').</summary>
        public static string PartitionValue(string value)
        {
            var sb = new StringBuilder(value.Length);
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                var c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') sb.Append(c);
                else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        public static string DayFolder(string serial, DateTime date) =>
            $"serial={PartitionValue(serial)}/date={date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

        public static string Family(int type)
        {
            switch (IgtimiDataTypeCatalog.KindOf(type))
            {
                case IgtimiValueKind.Position: return "position";
                case IgtimiValueKind.Speed: return "speed";
                case IgtimiValueKind.Angle: return "angle";
                case IgtimiValueKind.HeartRate: return "heartrate";
                case IgtimiValueKind.Value: return "value";
                default: return "other";
            }
        }

        public async Task<IgtimiArchiveResult> RunAsync(CancellationToken cancellationToken)
        {
            _clock.Start();
            _folder = System.IO.Path.GetFullPath(_options.Path);
            Directory.CreateDirectory(_folder);
            using var archiveLock = IgtimiArchiveLock.Acquire(_folder);
            _manifest = IgtimiArchiveManifest.Load(_folder);
            RemoveLeftovers();

            _now = _options.Now();
            var types = (_options.Types ?? _connection.Dialect.DefaultDataTypes).Distinct().OrderBy(t => t).ToArray();
            var serials = IgtimiSerialNumbers.From(_options.SerialNumbers);
            var first = _options.Start.UtcDateTime.Date;
            var last = (_options.End < _now ? _options.End : _now).UtcDateTime.Date;
            var runs = new List<DayRun>();
            var skipped = 0;
            foreach (var serial in serials)
            {
                DayRun? run = null;
                for (var day = first; day <= last; day = day.AddDays(1))
                {
                    var have = _manifest.Find(serial, day);
                    if (!_options.Force && have != null && have.Complete && types.All(have.Types.Contains))
                    {
                        skipped++;
                        run = null;
                        continue;
                    }
                    // Types the day already had stay in it when it is fetched again.
                    var want = have == null || _options.Force ? types : types.Union(have.Types).OrderBy(t => t).ToArray();
                    if (run != null && run.Types.SequenceEqual(want) && run.Last == day.AddDays(-1)) run.Last = day;
                    else runs.Add(run = new DayRun(serial, day, want));
                }
            }
            _daysTotal = runs.Sum(r => r.Days);
            Progress?.Report(new IgtimiArchiveProgress(0, _daysTotal, 0));

            try
            {
                using var gate = new SemaphoreSlim(Math.Max(1, _options.ThrottleLimit));
                using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var tasks = runs.Select(async run =>
                {
                    await gate.WaitAsync(failed.Token).ConfigureAwait(false);
                    try { await ArchiveRunAsync(run, failed.Token).ConfigureAwait(false); }
                    catch
                    {
                        failed.Cancel();
                        throw;
                    }
                    finally { gate.Release(); }
                }).ToList();
                try
                {
                    await Task.WhenAll(tasks).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    var real = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException).FirstOrDefault();
                    if (real != null) throw real;
                    throw;
                }
            }
            finally
            {
                // What finished is kept, whatever stopped the run.
                lock (_sync) SaveManifest(force: true);
            }
            return new IgtimiArchiveResult(_folder, serials.Count, _daysTotal, skipped, _daysOpen, _rows, _files, _clock.Elapsed);
        }

        private async Task ArchiveRunAsync(DayRun run, CancellationToken cancellationToken)
        {
            var query = new IgtimiDataQuery
            {
                SerialNumbers = new[] { run.Serial },
                Start = new DateTimeOffset(run.First, TimeSpan.Zero),
                End = new DateTimeOffset(run.Last.AddDays(1), TimeSpan.Zero).AddMilliseconds(-1),
                Types = run.Types,
                GpsTolerance = _options.GpsTolerance,
                ThrottleLimit = 1,
                SliceLength = _options.SliceLength,
            };
            var density = new SliceDensity();
            // Blocks are only copied into column buffers, so the parse may lend its pooled arrays.
            var downloader = new IgtimiDataDownloader(_connection, query) { Warning = Warning, BlocksAreBorrowed = true, Slices = AdaptiveSlices(run.First, run.Last, _options.SliceLength, _options.SlicePoints, density) };
            DaySink? sink = null;
            var finished = new HashSet<DateTime>();
            long late = 0;
            try
            {
                await downloader.RunAsync(async (block, ct) =>
                {
                    density.Note(block.Count);
                    var i = 0;
                    while (i < block.Count)
                    {
                        var day = DayOf(block.Times[i]);
                        var j = i + 1;
                        while (j < block.Count && DayOf(block.Times[j]) == day) j++;
                        if (day < run.First || day > run.Last || finished.Contains(day) || (sink != null && day < sink.Date))
                        {
                            // Outside the days asked for, or for a day already written: a server that ignores the window.
                            late += j - i;
                        }
                        else
                        {
                            if (sink != null && sink.Date != day)
                            {
                                await FinishAsync(sink, run, ct).ConfigureAwait(false);
                                finished.Add(sink.Date);
                                sink = null;
                            }
                            sink ??= new DaySink(this, run.Serial, day);
                            await sink.AppendAsync(block, i, j - i, ct).ConfigureAwait(false);
                        }
                        i = j;
                    }
                }, cancellationToken).ConfigureAwait(false);
                if (sink != null)
                {
                    await FinishAsync(sink, run, cancellationToken).ConfigureAwait(false);
                    finished.Add(sink.Date);
                    sink = null;
                }
                for (var day = run.First; day <= run.Last; day = day.AddDays(1))
                {
                    if (finished.Contains(day)) continue;
                    await FinishAsync(new DaySink(this, run.Serial, day), run, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                sink?.Discard();
            }
            if (late > 0)
                Warning?.Invoke($"The server sent {late:N0} point(s) of {run.Serial} outside the day they were asked for; they were left out.");
        }

        /// <summary>
        /// The requests of a run: each within one UTC day (so a request's blocks belong to one day's files), each sized from
        /// the densest type of the one before.
        /// </summary>
        internal static IEnumerable<(long Start, long End)> AdaptiveSlices(DateTime firstDay, DateTime lastDay, TimeSpan firstLength, int slicePoints,
            SliceDensity density)
        {
            var length = firstLength;
            var at = new DateTimeOffset(firstDay, TimeSpan.Zero);
            var end = new DateTimeOffset(lastDay.AddDays(1), TimeSpan.Zero);
            while (at < end)
            {
                var dayEnd = new DateTimeOffset(at.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
                var sliceEnd = at + length < dayEnd ? at + length : dayEnd;
                density.Reset();
                yield return (UnixTime.ToMilliseconds(at), UnixTime.ToMilliseconds(sliceEnd) - 1);
                length = NextSliceLength(density.MaxPoints, sliceEnd - at, length, slicePoints);
                at = sliceEnd;
            }
        }

        private static readonly TimeSpan[] SliceLengths = new[] { 1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440 }
            .Select(m => TimeSpan.FromMinutes(m)).ToArray();

        /// <summary>The longest of the usual lengths that holds about SlicePoints samples at the rate just seen; an empty slice doubles.</summary>
        private static TimeSpan NextSliceLength(int maxPoints, TimeSpan span, TimeSpan current, int slicePoints)
        {
            if (maxPoints == 0) return current + current > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : current + current;
            var wanted = TimeSpan.FromTicks((long)(span.Ticks * ((double)slicePoints / maxPoints)));
            var next = SliceLengths[0];
            foreach (var length in SliceLengths)
                if (length <= wanted) next = length;
            return next;
        }

        /// <summary>The most samples one block of the current request held.</summary>
        internal sealed class SliceDensity
        {
            public int MaxPoints { get; private set; }
            public void Reset() => MaxPoints = 0;
            public void Note(int points) => MaxPoints = Math.Max(MaxPoints, points);
        }

        private async Task FinishAsync(DaySink sink, DayRun run, CancellationToken cancellationToken)
        {
            var files = await sink.CompleteAsync(cancellationToken).ConfigureAwait(false);
            var complete = new DateTimeOffset(sink.Date.AddDays(1), TimeSpan.Zero) <= _now;
            lock (_sync)
            {
                var old = _manifest.Find(run.Serial, sink.Date);
                _manifest.Set(new IgtimiArchiveDay(run.Serial, sink.Date, run.Types, complete, sink.Rows, sink.Generation, files, _now));
                if (old != null) _pendingDeletes.AddRange(old.Files.Except(files, StringComparer.Ordinal));
                _dirty = true;
                _daysDone++;
                if (!complete) _daysOpen++;
                _rows += sink.Rows;
                _files += files.Count;
                SaveManifest(force: false);
                Progress?.Report(new IgtimiArchiveProgress(_daysDone, _daysTotal, _rows));
            }
        }

        /// <summary>Writes the manifest (at most once a second unless forced), then deletes the files it no longer names.</summary>
        private void SaveManifest(bool force)
        {
            if (!_dirty) return;
            if (!force && _lastSave != TimeSpan.MinValue && _clock.Elapsed - _lastSave < ManifestInterval) return;
            _manifest.Save(_folder);
            _lastSave = _clock.Elapsed;
            _dirty = false;
            foreach (var file in _pendingDeletes) DeleteQuietly(Full(file));
            _pendingDeletes.Clear();
        }

        private void RemoveLeftovers()
        {
            var named = new HashSet<string>(_manifest.Days.SelectMany(d => d.Files).Select(Full), StringComparer.Ordinal);
            foreach (var partial in Directory.EnumerateFiles(_folder, IgtimiArchiveSchema.ManifestFile + ".*" + AtomicFile.PartialSuffix))
                DeleteQuietly(partial);
            foreach (var serialDir in Directory.EnumerateDirectories(_folder, "serial=*"))
            {
                foreach (var dayDir in Directory.EnumerateDirectories(serialDir, "date=*"))
                {
                    foreach (var file in Directory.EnumerateFiles(dayDir))
                    {
                        var name = System.IO.Path.GetFileName(file);
                        var leftover = name.EndsWith(AtomicFile.PartialSuffix, StringComparison.Ordinal)
                                       || (name.EndsWith(_format.Extension, StringComparison.Ordinal) && !named.Contains(file));
                        if (leftover)
                        {
                            IgtimiTrace.Verbose($"Removing '{file}', left by an interrupted run.");
                            DeleteQuietly(file);
                        }
                    }
                }
            }
        }

        private string Full(string relative) => System.IO.Path.GetFullPath(System.IO.Path.Combine(_folder, relative));

        private static void DeleteQuietly(string path)
        {
            try { File.Delete(path); }
            catch (IOException ex) { IgtimiTrace.Verbose($"Could not delete '{path}': {ex.Message}"); }
            catch (UnauthorizedAccessException ex) { IgtimiTrace.Verbose($"Could not delete '{path}': {ex.Message}"); }
        }

        private static DateTime DayOf(long unixMs) => UnixTime.FromMilliseconds(unixMs).UtcDateTime.Date;

        private sealed class DayRun
        {
            public DayRun(string serial, DateTime first, int[] types)
            {
                Serial = serial;
                First = first;
                Last = first;
                Types = types;
            }

            public string Serial { get; }
            public DateTime First { get; }
            public DateTime Last { get; set; }
            public int[] Types { get; }
            public int Days => (int)(Last - First).TotalDays + 1;
        }

        /// <summary>The files of one device-day being written: one per type family, each with its column buffer.</summary>
        private sealed class DaySink
        {
            private readonly IgtimiArchiver _owner;
            private readonly string _serial;
            private readonly SortedDictionary<string, FamilyFile> _families = new SortedDictionary<string, FamilyFile>(StringComparer.Ordinal);

            public DaySink(IgtimiArchiver owner, string serial, DateTime date)
            {
                _owner = owner;
                _serial = serial;
                Date = date;
                lock (owner._sync) Generation = (owner._manifest.Find(serial, date)?.Generation ?? 0) + 1;
            }

            public DateTime Date { get; }
            public int Generation { get; }
            public long Rows { get; private set; }

            public async Task AppendAsync(IgtimiDataBlock block, int from, int count, CancellationToken cancellationToken)
            {
                var family = Family(block.Type);
                if (!_families.TryGetValue(family, out var file))
                {
                    var relative = $"{DayFolder(_serial, Date)}/{family}-{Generation.ToString(CultureInfo.InvariantCulture)}{_owner._format.Extension}";
                    var full = _owner.Full(relative);
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
                    file = new FamilyFile(relative, AtomicFile.Create(full), _serial, _owner);
                    _families.Add(family, file);
                }
                while (count > 0)
                {
                    var n = file.Rows.Append(block, from, count);
                    from += n;
                    count -= n;
                    Rows += n;
                    if (file.Rows.IsFull) await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            public async Task<IReadOnlyList<string>> CompleteAsync(CancellationToken cancellationToken)
            {
                try
                {
                    foreach (var file in _families.Values) await file.CompleteAsync(cancellationToken).ConfigureAwait(false);
                    foreach (var file in _families.Values) file.Commit();
                    return _families.Values.Select(f => f.Relative).ToArray();
                }
                catch
                {
                    Discard();
                    throw;
                }
            }

            public void Discard()
            {
                foreach (var file in _families.Values) file.Discard();
            }
        }

        private sealed class FamilyFile
        {
            private readonly AtomicFile _file;
            private readonly IIgtimiArchiveFileWriter _writer;

            public FamilyFile(string relative, AtomicFile file, string serial, IgtimiArchiver owner)
            {
                Relative = relative;
                _file = file;
                try { _writer = owner._format.CreateWriter(new SynchronousWriteStream(file.Stream), serial); }
                catch
                {
                    file.Discard();
                    throw;
                }
                _owner = owner;
                if (owner._spareRows.TryTake(out var spare)) spare.Reuse(serial);
                else spare = new IgtimiArchiveRows(serial, owner._options.RowGroupSize);
                Rows = spare;
            }

            private readonly IgtimiArchiver _owner;
            private bool _returned;

            private void ReturnRows()
            {
                if (_returned) return;
                _returned = true;
                Rows.Clear();
                _owner._spareRows.Add(Rows);
            }

            public string Relative { get; }
            public IgtimiArchiveRows Rows { get; }

            public async Task FlushAsync(CancellationToken cancellationToken)
            {
                if (Rows.Count == 0) return;
                await _writer.WriteRowGroupAsync(Rows, cancellationToken).ConfigureAwait(false);
                Rows.Clear();
            }

            public async Task CompleteAsync(CancellationToken cancellationToken)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
                await _writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
                _writer.Dispose();
                ReturnRows();
            }

            public void Commit() => _file.Commit();

            public void Discard()
            {
                // Discarding follows a failure that is already on its way up; a file that cannot be closed is still deleted.
                try { _writer.Dispose(); }
                catch (IOException ex) { IgtimiTrace.Verbose($"Closing the partial file '{Relative}': {ex.Message}"); }
                _file.Discard();
                ReturnRows();
            }
        }
    }
}
