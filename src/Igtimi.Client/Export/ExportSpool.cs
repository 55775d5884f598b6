using System;
using System.Collections.Generic;
using System.IO;

namespace Igtimi.Client.Export
{
    /// <summary>One value of a row: the column (type × DSI × component), the number, and text if the server sent text.</summary>
    internal struct ExportCell
    {
        public int Column;
        public double Value;
        public string? Text;
    }

    /// <summary>Everything one device (timeline) has at one timestamp, merged across types.</summary>
    internal sealed class ExportRow
    {
        private ExportCell[] _cells;

        public ExportRow(long time, int capacity = 2)
        {
            Time = time;
            _cells = new ExportCell[Math.Max(1, capacity)];
        }

        public long Time { get; }

        public int Count { get; private set; }

        public ExportCell this[int index] => _cells[index];

        /// <summary>Sets a column; a second sample for the same column and timestamp replaces the first.</summary>
        public void Set(int column, double value, string? text)
        {
            for (var i = 0; i < Count; i++)
            {
                if (_cells[i].Column != column) continue;
                _cells[i].Value = value;
                _cells[i].Text = text;
                return;
            }
            if (Count == _cells.Length) Array.Resize(ref _cells, _cells.Length * 2);
            _cells[Count++] = new ExportCell { Column = column, Value = value, Text = text };
        }

        /// <summary>The number in a column; NaN when the row has none.</summary>
        public double Get(int column)
        {
            if (column < 0) return double.NaN;
            for (var i = 0; i < Count; i++)
                if (_cells[i].Column == column) return _cells[i].Value;
            return double.NaN;
        }

        public ExportRow Clone()
        {
            var copy = new ExportRow(Time, Count + 2);
            for (var i = 0; i < Count; i++) copy._cells[i] = _cells[i];
            copy.Count = Count;
            return copy;
        }
    }

    /// <summary>Where a sorted run of one timeline sits in the spool file.</summary>
    internal readonly struct ExportRun
    {
        public ExportRun(long offset, int count)
        {
            Offset = offset;
            Count = count;
        }

        public long Offset { get; }
        public int Count { get; }
    }

    /// <summary>
    /// A temporary file that holds sorted runs of rows, written when the in-memory buffers grow past
    /// their limit, and read back (several runs at once) when the document is assembled. Deleted on Dispose.
    /// </summary>
    internal sealed class ExportSpool : IDisposable
    {
        private const int BufferSize = 1 << 16;
        private readonly string _folder;
        private FileStream? _stream;
        private BinaryWriter? _writer;
        private IDisposable? _exitCleanup;

        public ExportSpool(string? folder) => _folder = string.IsNullOrEmpty(folder) ? System.IO.Path.GetTempPath() : folder!;

        public string? Path { get; private set; }

        public long RunCount { get; private set; }

        public ExportRun WriteRun(ICollection<ExportRow> rows)
        {
            if (_writer is null)
            {
                Path = System.IO.Path.Combine(_folder, "igtimips-export-" + Guid.NewGuid().ToString("N") + ".spool");
                _stream = new FileStream(Path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, BufferSize);
                _writer = new BinaryWriter(_stream);
                var path = Path;
                _exitCleanup = Igtimi.Client.IO.ExitCleanup.Register(() => File.Delete(path));
            }
            var offset = _stream!.Position;
            foreach (var row in rows)
            {
                _writer.Write(row.Time);
                _writer.Write(row.Count);
                for (var i = 0; i < row.Count; i++)
                {
                    var cell = row[i];
                    _writer.Write(cell.Column);
                    _writer.Write(cell.Value);
                    if (cell.Text is null) _writer.Write(false);
                    else
                    {
                        _writer.Write(true);
                        _writer.Write(cell.Text);
                    }
                }
            }
            RunCount++;
            return new ExportRun(offset, rows.Count);
        }

        /// <summary>Reads one run back, in the order it was written (ascending time).</summary>
        public IEnumerable<ExportRow> ReadRun(ExportRun run)
        {
            _writer!.Flush();
            var stream = new FileStream(Path!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferSize);
            try
            {
                stream.Position = run.Offset;
                using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
                for (var r = 0; r < run.Count; r++)
                {
                    var time = reader.ReadInt64();
                    var count = reader.ReadInt32();
                    var row = new ExportRow(time, count);
                    for (var i = 0; i < count; i++)
                    {
                        var column = reader.ReadInt32();
                        var value = reader.ReadDouble();
                        var text = reader.ReadBoolean() ? reader.ReadString() : null;
                        row.Set(column, value, text);
                    }
                    yield return row;
                }
            }
            finally
            {
                stream.Dispose();
            }
        }

        public void Dispose()
        {
            var path = Path;
            _exitCleanup?.Dispose();
            _exitCleanup = null;
            try { _writer?.Dispose(); }
            catch (IOException) { }
            _writer = null;
            _stream = null;
            if (path != null)
            {
                try { File.Delete(path); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
    }

    /// <summary>
    /// The rows of one device (or, for the map formats, one device × GPS source), by timestamp. Rows stay
    /// in a sorted in-memory buffer until the writer spools it as a sorted run; <see cref="Rows"/> merges
    /// the runs and the buffer back into one time-ordered sequence, joining rows of equal timestamps.
    /// </summary>
    internal sealed class ExportTimeline
    {
        private readonly SortedDictionary<long, ExportRow> _buffer = new SortedDictionary<long, ExportRow>();
        private readonly List<ExportRun> _runs = new List<ExportRun>();

        public ExportTimeline(string serialNumber, int dsi)
        {
            SerialNumber = serialNumber;
            Dsi = dsi;
        }

        public string SerialNumber { get; }

        /// <summary>The GPS source of a map timeline (0 normally); 0 for CSV timelines, which hold every DSI.</summary>
        public int Dsi { get; }

        public int BufferedRows => _buffer.Count;

        public int RunCount => _runs.Count;

        /// <summary>The row at a time, created if new (then <paramref name="created"/> is true).</summary>
        public ExportRow RowAt(long time, out bool created)
        {
            if (_buffer.TryGetValue(time, out var row))
            {
                created = false;
                return row;
            }
            row = new ExportRow(time);
            _buffer.Add(time, row);
            created = true;
            return row;
        }

        public int Spool(ExportSpool spool)
        {
            var count = _buffer.Count;
            if (count == 0) return 0;
            _runs.Add(spool.WriteRun(_buffer.Values));
            _buffer.Clear();
            return count;
        }

        /// <summary>
        /// Every row in ascending time, one per timestamp: a k-way merge of the spooled runs and the buffer.
        /// Where several hold the same timestamp their cells are joined, the later sample winning a column.
        /// Rows may be shared with the buffer: callers must not change them. Can be enumerated repeatedly.
        /// </summary>
        public IEnumerable<ExportRow> Rows(ExportSpool spool)
        {
            if (_runs.Count == 0)
            {
                foreach (var row in _buffer.Values) yield return row;
                yield break;
            }

            var sources = new List<IEnumerator<ExportRow>>(_runs.Count + 1);
            try
            {
                foreach (var run in _runs) sources.Add(spool.ReadRun(run).GetEnumerator());
                sources.Add(_buffer.Values.GetEnumerator());
                var heads = new ExportRow?[sources.Count];
                for (var i = 0; i < sources.Count; i++) heads[i] = sources[i].MoveNext() ? sources[i].Current : null;

                while (true)
                {
                    var min = long.MaxValue;
                    var any = false;
                    for (var i = 0; i < heads.Length; i++)
                    {
                        var head = heads[i];
                        if (head != null && (!any || head.Time < min))
                        {
                            min = head.Time;
                            any = true;
                        }
                    }
                    if (!any) yield break;

                    ExportRow? merged = null;
                    var shared = true;
                    for (var i = 0; i < heads.Length; i++)
                    {
                        var head = heads[i];
                        if (head is null || head.Time != min) continue;
                        if (merged is null) merged = head;
                        else
                        {
                            if (shared)
                            {
                                merged = merged.Clone();
                                shared = false;
                            }
                            for (var c = 0; c < head.Count; c++) merged.Set(head[c].Column, head[c].Value, head[c].Text);
                        }
                        heads[i] = sources[i].MoveNext() ? sources[i].Current : null;
                    }
                    yield return merged!;
                }
            }
            finally
            {
                foreach (var source in sources) source.Dispose();
            }
        }
    }
}
