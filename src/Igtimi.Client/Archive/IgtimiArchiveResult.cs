using System;

namespace Igtimi.Client.Archive
{
    /// <summary>What one Save-IgtimiData run did.</summary>
    public sealed class IgtimiArchiveResult
    {
        public IgtimiArchiveResult(string path, int devices, int daysFetched, int daysSkipped, int daysOpen, long rows, int files, TimeSpan duration)
        {
            Path = path;
            Devices = devices;
            DaysFetched = daysFetched;
            DaysSkipped = daysSkipped;
            DaysOpen = daysOpen;
            Rows = rows;
            Files = files;
            Duration = duration;
        }

        /// <summary>The archive folder (absolute).</summary>
        public string Path { get; }
        public int Devices { get; }

        /// <summary>Device-days downloaded in this run.</summary>
        public int DaysFetched { get; }

        /// <summary>Device-days already complete in the archive, not fetched again.</summary>
        public int DaysSkipped { get; }

        /// <summary>Fetched device-days that were not over yet; the next run fetches them again.</summary>
        public int DaysOpen { get; }

        /// <summary>Rows (samples) written in this run.</summary>
        public long Rows { get; }

        /// <summary>Parquet files written in this run.</summary>
        public int Files { get; }

        public TimeSpan Duration { get; }

        public override string ToString() => $"{Path}: {DaysFetched} day(s) fetched, {DaysSkipped} skipped, {Rows:N0} rows";
    }

    public sealed class IgtimiArchiveProgress
    {
        public IgtimiArchiveProgress(int daysDone, int daysTotal, long rows)
        {
            DaysDone = daysDone;
            DaysTotal = daysTotal;
            Rows = rows;
        }

        public int DaysDone { get; }
        public int DaysTotal { get; }
        public long Rows { get; }
    }
}
