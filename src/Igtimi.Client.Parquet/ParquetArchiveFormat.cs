using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Archive;
using Igtimi.Client.Models;
using Parquet;
using Parquet.Schema;

namespace Igtimi.Client.Parquet
{
    /// <summary>The archive's columns (<see cref="IgtimiArchiveSchema"/>) as Parquet, with Parquet.Net; Snappy-compressed.</summary>
    public sealed class ParquetArchiveFormat : IIgtimiArchiveFormat
    {
        private static readonly DateTimeDataField Time = new DateTimeDataField(IgtimiArchiveSchema.Time, DateTimeFormat.Timestamp, isAdjustedToUTC: true,
            unit: DateTimeTimeUnit.Millis, isNullable: false);
        private static readonly DataField<string> Serial = new DataField<string>(IgtimiArchiveSchema.SerialNumber, false);
        private static readonly DataField<int> Type = new DataField<int>(IgtimiArchiveSchema.Type);
        private static readonly DataField<string> TypeName = new DataField<string>(IgtimiArchiveSchema.TypeName, false);
        private static readonly DataField<int> Dsi = new DataField<int>(IgtimiArchiveSchema.Dsi);
        private static readonly DataField<double?> Latitude = new DataField<double?>(IgtimiArchiveSchema.Latitude);
        private static readonly DataField<double?> Longitude = new DataField<double?>(IgtimiArchiveSchema.Longitude);
        private static readonly DataField<double?> SpeedKmh = new DataField<double?>(IgtimiArchiveSchema.SpeedKmh);
        private static readonly DataField<double?> SpeedKnots = new DataField<double?>(IgtimiArchiveSchema.SpeedKnots);
        private static readonly DataField<double?> AngleDegrees = new DataField<double?>(IgtimiArchiveSchema.AngleDegrees);
        private static readonly DataField<double?> Value = new DataField<double?>(IgtimiArchiveSchema.Value);
        private static readonly DataField<int> ComponentCount = new DataField<int>(IgtimiArchiveSchema.ComponentCount);
        private static readonly DataField<double?>[] Components = new DataField<double?>[IgtimiArchiveRows.MaxComponents];
        private static readonly DataField<string>[] Texts = new DataField<string>[IgtimiArchiveRows.MaxComponents];
        private static readonly DataField<double?>[] TypedFields = { Latitude, Longitude, SpeedKmh, SpeedKnots, AngleDegrees, Value };
        private static readonly ParquetSchema Schema;

        static ParquetArchiveFormat()
        {
            for (var k = 0; k < IgtimiArchiveRows.MaxComponents; k++)
            {
                Components[k] = new DataField<double?>(IgtimiArchiveSchema.Component(k));
                Texts[k] = new DataField<string>(IgtimiArchiveSchema.Text(k), true);
            }
            var fields = new System.Collections.Generic.List<Field>
            {
                Time, Serial, Type, TypeName, Dsi, Latitude, Longitude, SpeedKmh, SpeedKnots, AngleDegrees, Value, ComponentCount,
            };
            fields.AddRange(Components);
            fields.AddRange(Texts);
            Schema = new ParquetSchema(fields);
        }

        public string Extension => ".parquet";

        public IIgtimiArchiveFileWriter CreateWriter(Stream stream, string serialNumber) => new Writer(stream, serialNumber);

        public async Task ReadAsync(Stream stream, Func<IgtimiArchiveRows, CancellationToken, Task> onRows, CancellationToken cancellationToken)
        {
            await using var reader = await ParquetReader.CreateAsync(stream, new ParquetOptions(), leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
            IgtimiArchiveRows? rows = null;
            DateTime[] times = Array.Empty<DateTime>();
            string?[] serials = Array.Empty<string?>();
            double?[] values = Array.Empty<double?>();
            int[] types = Array.Empty<int>(), dsis = Array.Empty<int>(), widths = Array.Empty<int>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var n = checked((int)group.RowCount);
                if (n == 0) continue;
                if (times.Length < n)
                {
                    times = new DateTime[n];
                    serials = new string?[n];
                    values = new double?[n];
                }
                await group.ReadAsync(Serial, serials.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
                if (rows == null || rows.Capacity < n || rows.SerialNumber != serials[0]) rows = new IgtimiArchiveRows(serials[0] ?? "", n);
                await group.ReadAsync(Time, times.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < n; i++) rows.Times[i] = new DateTimeOffset(DateTime.SpecifyKind(times[i], DateTimeKind.Utc)).ToUnixTimeMilliseconds();
                if (types.Length < n)
                {
                    types = new int[n];
                    dsis = new int[n];
                    widths = new int[n];
                }
                await group.ReadAsync(Type, types.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
                await group.ReadAsync(Dsi, dsis.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
                await group.ReadAsync(ComponentCount, widths.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < IgtimiArchiveRows.MaxComponents; k++)
                {
                    await group.ReadAsync(Components[k], values.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
                    var column = rows.ComponentColumn(k);
                    for (var i = 0; i < n; i++) column[i] = values[i] ?? double.NaN;
                    await group.ReadAsync(Texts[k], rows.TextColumn(k).AsMemory(0, n)!, null, cancellationToken).ConfigureAwait(false);
                }
                for (var i = 0; i < n; i++)
                {
                    if (!string.Equals(serials[i], rows.SerialNumber, StringComparison.Ordinal))
                        throw new InvalidDataException($"An archive file holds rows of two devices ({rows.SerialNumber}, {serials[i]}).");
                }
                rows.SetRows(n, Runs(types, dsis, widths, n));
                await onRows(rows, cancellationToken).ConfigureAwait(false);
                rows.Clear();
            }
        }

        private static IEnumerable<RowRun> Runs(int[] types, int[] dsis, int[] widths, int n)
        {
            var i = 0;
            while (i < n)
            {
                var j = i + 1;
                while (j < n && types[j] == types[i] && dsis[j] == dsis[i] && widths[j] == widths[i]) j++;
                yield return new RowRun(types[i], dsis[i], widths[i], j - i);
                i = j;
            }
        }

        private sealed class Writer : IIgtimiArchiveFileWriter
        {
            private static readonly ParquetOptions Options = NewOptions();

            // The library's stream pools keep what they held for the next file; their default (80 MB) would be most of the
            // archive's memory bound.
            private static ParquetOptions NewOptions() => new ParquetOptions
            {
                CompressionMethod = CompressionMethod.Snappy, CompressionLevel = CompressionLevel.Fastest,
                MaximumSmallPoolFreeBytes = 4 << 20, MaximumLargePoolFreeBytes = 8 << 20,
            };

            private readonly Stream _stream;
            private readonly string _serial;
            private ParquetWriter? _writer;

            public Writer(Stream stream, string serial)
            {
                _stream = stream;
                _serial = serial;
            }

            public async Task WriteRowGroupAsync(IgtimiArchiveRows rows, CancellationToken cancellationToken)
            {
                var n = rows.Count;
                if (!string.Equals(rows.SerialNumber, _serial, StringComparison.Ordinal))
                    throw new InvalidOperationException($"Rows of {rows.SerialNumber} given to the file of {_serial}.");
                _writer ??= await ParquetWriter.CreateAsync(Schema, _stream, Options, append: false, cancellationToken).ConfigureAwait(false);
                // Scratch columns are the shared pools', so that the many files of an archive run share a few.
                var scratch = new Scratch(n);
                try
                {
                    for (var i = 0; i < n; i++) scratch.Times[i] = DateTimeOffset.FromUnixTimeMilliseconds(rows.Times[i]).UtcDateTime;
                    var serial = _serial.AsMemory();
                    scratch.Serials.AsSpan(0, n).Fill(serial);
                    var at = 0;
                    foreach (var run in rows.Runs)
                    {
                        scratch.TypeNames.AsSpan(at, run.Count).Fill(IgtimiDataTypeCatalog.Get(run.Type).Name.AsMemory());
                        scratch.Types.AsSpan(at, run.Count).Fill(run.Type);
                        scratch.Dsis.AsSpan(at, run.Count).Fill(run.Dsi);
                        scratch.Widths.AsSpan(at, run.Count).Fill(run.Width);
                        at += run.Count;
                    }
                    using var group = _writer.CreateRowGroup();
                    await group.WriteAsync<DateTime>(Time, scratch.Times.AsMemory(0, n), null, null, cancellationToken).ConfigureAwait(false);
                    await group.WriteAllPartsAsync<ReadOnlyMemory<char>>(Serial, scratch.Serials.AsMemory(0, n), null, null, cancellationToken).ConfigureAwait(false);
                    await group.WriteAsync<int>(Type, scratch.Types.AsMemory(0, n), null, null, cancellationToken).ConfigureAwait(false);
                    await group.WriteAllPartsAsync<ReadOnlyMemory<char>>(TypeName, scratch.TypeNames.AsMemory(0, n), null, null, cancellationToken).ConfigureAwait(false);
                    await group.WriteAsync<int>(Dsi, scratch.Dsis.AsMemory(0, n), null, null, cancellationToken).ConfigureAwait(false);
                    foreach (var field in TypedFields)
                    {
                        var (values, divisor) = rows.TypedColumn(field.Name);
                        await WriteNullable(group, field, values, divisor, scratch, cancellationToken).ConfigureAwait(false);
                    }
                    await group.WriteAsync<int>(ComponentCount, scratch.Widths.AsMemory(0, n), null, null, cancellationToken).ConfigureAwait(false);
                    for (var k = 0; k < IgtimiArchiveRows.MaxComponents; k++)
                        await WriteNullable(group, Components[k], rows.Components[k], 1, scratch, cancellationToken).ConfigureAwait(false);
                    for (var k = 0; k < IgtimiArchiveRows.MaxComponents; k++)
                    {
                        var texts = rows.Texts[k];
                        if (texts == null)
                            await group.WriteAllPartsAsync<ReadOnlyMemory<char>>(Texts[k], ReadOnlyMemory<ReadOnlyMemory<char>>.Empty, scratch.Nulls(), null,
                                cancellationToken).ConfigureAwait(false);
                        else await group.WriteAsync(Texts[k], new ArraySegment<string>(texts!, 0, n), null).ConfigureAwait(false);
                    }
                }
                finally
                {
                    scratch.Return();
                }
            }

            /// <summary>A NaN-for-null column as Parquet wants it: the values present, packed, and a definition level per row.</summary>
            private static Task WriteNullable(ParquetRowGroupWriter group, DataField field, double[]? values, double divisor, Scratch scratch,
                CancellationToken ct)
            {
                var n = scratch.Count;
                if (values == null)
                    return group.WriteAllPartsAsync<double>(field, ReadOnlyMemory<double>.Empty, scratch.Nulls(), null, ct);
                var levels = scratch.Levels;
                var packed = scratch.Packed;
                var count = 0;
                for (var i = 0; i < n; i++)
                {
                    var v = values[i];
                    if (double.IsNaN(v)) levels[i] = 0;
                    else
                    {
                        levels[i] = 1;
                        packed[count++] = v / divisor;
                    }
                }
                return group.WriteAllPartsAsync<double>(field, packed.AsMemory(0, count), levels.AsMemory(0, n), null, ct);
            }

            /// <summary>A row group's scratch columns, rented from the shared pools.</summary>
            private sealed class Scratch
            {
                private bool _nullsFilled;

                public Scratch(int count)
                {
                    Count = count;
                    Times = ArrayPool<DateTime>.Shared.Rent(count);
                    Serials = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(count);
                    TypeNames = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(count);
                    Types = ArrayPool<int>.Shared.Rent(count);
                    Dsis = ArrayPool<int>.Shared.Rent(count);
                    Widths = ArrayPool<int>.Shared.Rent(count);
                    Levels = ArrayPool<int>.Shared.Rent(count);
                    NullLevels = ArrayPool<int>.Shared.Rent(count);
                    Packed = ArrayPool<double>.Shared.Rent(count);
                }

                public int Count { get; }
                public DateTime[] Times { get; }
                public ReadOnlyMemory<char>[] Serials { get; }
                public ReadOnlyMemory<char>[] TypeNames { get; }
                public int[] Types { get; }
                public int[] Dsis { get; }
                public int[] Widths { get; }
                public int[] Levels { get; }
                public int[] NullLevels { get; }
                public double[] Packed { get; }

                /// <summary>Definition level 0 (null) for every row.</summary>
                public ReadOnlyMemory<int> Nulls()
                {
                    if (!_nullsFilled) Array.Clear(NullLevels, 0, Count);
                    _nullsFilled = true;
                    return NullLevels.AsMemory(0, Count);
                }

                public void Return()
                {
                    ArrayPool<DateTime>.Shared.Return(Times);
                    ArrayPool<ReadOnlyMemory<char>>.Shared.Return(Serials, clearArray: true);
                    ArrayPool<ReadOnlyMemory<char>>.Shared.Return(TypeNames, clearArray: true);
                    ArrayPool<int>.Shared.Return(Types);
                    ArrayPool<int>.Shared.Return(Dsis);
                    ArrayPool<int>.Shared.Return(Widths);
                    ArrayPool<int>.Shared.Return(Levels);
                    ArrayPool<int>.Shared.Return(NullLevels);
                    ArrayPool<double>.Shared.Return(Packed);
                }
            }

            public async Task CompleteAsync(CancellationToken cancellationToken)
            {
                // A day without rows in this family never gets a file; a writer is only made for rows.
                if (_writer != null) await _writer.DisposeAsync().ConfigureAwait(false);
                _writer = null;
            }

            public void Dispose()
            {
                _writer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
                _writer = null;
            }
        }
    }
}
