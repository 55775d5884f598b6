using System;
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

        public IIgtimiArchiveFileWriter CreateWriter(Stream stream, string serialNumber) => new Writer(stream);

        public async Task ReadAsync(Stream stream, Func<IgtimiArchiveRows, CancellationToken, Task> onRows, CancellationToken cancellationToken)
        {
            await using var reader = await ParquetReader.CreateAsync(stream, new ParquetOptions(), leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
            IgtimiArchiveRows? rows = null;
            DateTime[] times = Array.Empty<DateTime>();
            string?[] serials = Array.Empty<string?>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var n = checked((int)group.RowCount);
                if (n == 0) continue;
                if (times.Length < n)
                {
                    times = new DateTime[n];
                    serials = new string?[n];
                }
                await group.ReadAsync(Serial, serials.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
                if (rows == null || rows.Capacity < n || rows.SerialNumber != serials[0]) rows = new IgtimiArchiveRows(serials[0] ?? "", n);
                await group.ReadAsync(Time, times.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < n; i++) rows.Times[i] = new DateTimeOffset(DateTime.SpecifyKind(times[i], DateTimeKind.Utc)).ToUnixTimeMilliseconds();
                await group.ReadAsync(Type, rows.Types.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
                await group.ReadAsync(Dsi, rows.Dsis.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
                await group.ReadAsync(ComponentCount, rows.ComponentCounts.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < IgtimiArchiveRows.MaxComponents; k++)
                {
                    await group.ReadAsync(Components[k], rows.Components[k].AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
                    await group.ReadAsync(Texts[k], rows.Texts[k]!.AsMemory(0, n)!, null, cancellationToken).ConfigureAwait(false);
                }
                for (var i = 0; i < n; i++)
                {
                    if (!string.Equals(serials[i], rows.SerialNumber, StringComparison.Ordinal))
                        throw new InvalidDataException($"An archive file holds rows of two devices ({rows.SerialNumber}, {serials[i]}).");
                }
                rows.SetCount(n);
                await onRows(rows, cancellationToken).ConfigureAwait(false);
                rows.Clear();
            }
        }

        private sealed class Writer : IIgtimiArchiveFileWriter
        {
            private readonly Stream _stream;
            private ParquetWriter? _writer;
            private DateTime[] _times = Array.Empty<DateTime>();
            private string[] _serials = Array.Empty<string>();
            private string[] _typeNames = Array.Empty<string>();

            public Writer(Stream stream) => _stream = stream;

            public async Task WriteRowGroupAsync(IgtimiArchiveRows rows, CancellationToken cancellationToken)
            {
                var n = rows.Count;
                _writer ??= await ParquetWriter.CreateAsync(Schema, _stream,
                    new ParquetOptions { CompressionMethod = CompressionMethod.Snappy, CompressionLevel = CompressionLevel.Fastest },
                    append: false, cancellationToken).ConfigureAwait(false);
                if (_times.Length < n)
                {
                    _times = new DateTime[n];
                    _serials = new string[n];
                    _typeNames = new string[n];
                }
                var lastType = int.MinValue;
                string lastName = "";
                for (var i = 0; i < n; i++)
                {
                    _times[i] = DateTimeOffset.FromUnixTimeMilliseconds(rows.Times[i]).UtcDateTime;
                    _serials[i] = rows.SerialNumber;
                    if (rows.Types[i] != lastType)
                    {
                        lastType = rows.Types[i];
                        lastName = IgtimiDataTypeCatalog.Get(lastType).Name;
                    }
                    _typeNames[i] = lastName;
                }
                using var group = _writer.CreateRowGroup();
                await group.WriteAsync<DateTime>(Time, _times.AsMemory(0, n), null, null, cancellationToken).ConfigureAwait(false);
                await group.WriteAsync(Serial, new ArraySegment<string>(_serials, 0, n), null).ConfigureAwait(false);
                await group.WriteAsync<int>(Type, rows.Types.AsMemory(0, n), null, null, cancellationToken).ConfigureAwait(false);
                await group.WriteAsync(TypeName, new ArraySegment<string>(_typeNames, 0, n), null).ConfigureAwait(false);
                await group.WriteAsync<int>(Dsi, rows.Dsis.AsMemory(0, n), null, null, cancellationToken).ConfigureAwait(false);
                await WriteNullable(group, Latitude, rows.Latitude, n, cancellationToken).ConfigureAwait(false);
                await WriteNullable(group, Longitude, rows.Longitude, n, cancellationToken).ConfigureAwait(false);
                await WriteNullable(group, SpeedKmh, rows.SpeedKmh, n, cancellationToken).ConfigureAwait(false);
                await WriteNullable(group, SpeedKnots, rows.SpeedKnots, n, cancellationToken).ConfigureAwait(false);
                await WriteNullable(group, AngleDegrees, rows.AngleDegrees, n, cancellationToken).ConfigureAwait(false);
                await WriteNullable(group, Value, rows.Value, n, cancellationToken).ConfigureAwait(false);
                await group.WriteAsync<int>(ComponentCount, rows.ComponentCounts.AsMemory(0, n), null, null, cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < IgtimiArchiveRows.MaxComponents; k++)
                    await WriteNullable(group, Components[k], rows.Components[k], n, cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < IgtimiArchiveRows.MaxComponents; k++)
                    await group.WriteAsync(Texts[k], new ArraySegment<string>(rows.Texts[k]!, 0, n), null).ConfigureAwait(false);
            }

            private static Task WriteNullable(ParquetRowGroupWriter group, DataField field, double?[] values, int n, CancellationToken ct) =>
                group.WriteAsync<double>(field, new ReadOnlyMemory<double?>(values, 0, n), null, null, ct);

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
