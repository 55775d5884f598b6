using System;
using System.Collections.Generic;
using System.Linq;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Data
{
    /// <summary>What to download from resources/data.</summary>
    public sealed class IgtimiDataQuery
    {
        public static readonly TimeSpan DefaultSliceLength = TimeSpan.FromDays(7);

        /// <summary>igtimi.com's types asked for when none are given: every JSON-era type a YachtBot or WindBot records.</summary>
        public static readonly IReadOnlyList<int> DefaultTypes = Enumerable.Range(1, 16).ToArray();

        /// <summary>The most requests (slices × devices) one download may make.</summary>
        public const int MaxRequests = 10000;

        public IReadOnlyList<string> SerialNumbers { get; set; } = Array.Empty<string>();
        public DateTimeOffset Start { get; set; }
        public DateTimeOffset End { get; set; }
        /// <summary>The type codes; null for every type the server's dialect knows (<see cref="Api.IIgtimiDialect.DefaultDataTypes"/>).</summary>
        public IReadOnlyList<int>? Types { get; set; }

        /// <summary>The API's compression for GPS (type 1), in degrees; every other type sends 0.</summary>
        public double GpsTolerance { get; set; }

        public TimeSpan SliceLength { get; set; } = DefaultSliceLength;

        /// <summary>How many requests run at once.</summary>
        public int ThrottleLimit { get; set; } = 4;

        public void Validate()
        {
            if (IgtimiSerialNumbers.From(SerialNumbers).IsEmpty) throw new ArgumentException("At least one serial number is needed.");
            if (Start > End) throw new ArgumentException($"The start ({Start.UtcDateTime:u}) is after the end ({End.UtcDateTime:u}).");
            TimeWindow.CheckPlausible(Start, End);
            if (Types != null && Types.Count == 0) throw new ArgumentException("At least one data type is needed.");
            if (Types != null && Types.Any(t => t <= 0)) throw new ArgumentException("Data type codes are positive numbers.");
            if (GpsTolerance < 0 || double.IsNaN(GpsTolerance) || double.IsInfinity(GpsTolerance))
                throw new ArgumentException("The GPS tolerance must be zero or a positive number of degrees.");
            if (SliceLength < TimeSpan.FromMinutes(1)) throw new ArgumentException("A slice must be at least one minute long.");
            if (SliceLength > TimeSpan.FromDays(31)) throw new ArgumentException("A slice may be at most 31 days long (the API's limit per request).");
            if (ThrottleLimit < 1 || ThrottleLimit > 64) throw new ArgumentException("The throttle limit must be between 1 and 64.");
            var requests = (long)Math.Ceiling((End - Start).TotalMilliseconds / SliceLength.TotalMilliseconds) * IgtimiSerialNumbers.From(SerialNumbers).Count;
            if (requests > MaxRequests)
                throw new ArgumentException($"{Start.UtcDateTime:u} to {End.UtcDateTime:u} in slices of {SliceLength.TotalDays:0.##} days " +
                                            $"for {SerialNumbers.Count} device(s) is {requests:N0} requests; " +
                                            $"one download makes at most {MaxRequests:N0}, so that a mistyped date cannot flood the server. " +
                                            "Narrow the window, or split it over several calls.");
        }

        /// <summary>
        /// Cuts [Start, End] into slices of SliceLength; each next slice starts 1 ms after the previous
        /// end, as the bounds are inclusive, so no sample can come twice.
        /// </summary>
        public IReadOnlyList<(long Start, long End)> Slices()
        {
            var start = Http.UnixTime.ToMilliseconds(Start);
            var end = Http.UnixTime.ToMilliseconds(End);
            var step = (long)SliceLength.TotalMilliseconds;
            var slices = new List<(long, long)>();
            for (var from = start; from <= end; from += step)
            {
                var to = Math.Min(end, from + step - 1);
                slices.Add((from, to));
                if (to == end) break;
            }
            return slices;
        }
    }

    /// <summary>Progress of a download.</summary>
    public readonly struct IgtimiDataProgress
    {
        public IgtimiDataProgress(int slicesDone, int slicesTotal, long samples, long bytes)
        {
            SlicesDone = slicesDone;
            SlicesTotal = slicesTotal;
            Samples = samples;
            Bytes = bytes;
        }

        public int SlicesDone { get; }
        public int SlicesTotal { get; }
        public long Samples { get; }
        public long Bytes { get; }
    }
}
