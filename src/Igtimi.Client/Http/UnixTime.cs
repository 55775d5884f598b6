using System;

namespace Igtimi.Client.Http
{
    /// <summary>JS timestamps: milliseconds since the Unix epoch, UTC.</summary>
    public static class UnixTime
    {
        private static readonly DateTimeOffset Epoch = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public static long ToMilliseconds(DateTimeOffset value) => (long)(value.ToUniversalTime() - Epoch).TotalMilliseconds;

        /// <summary>An unspecified kind is taken as local time, as PowerShell's Get-Date gives it.</summary>
        public static long ToMilliseconds(DateTime value)
        {
            var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
            return ToMilliseconds(new DateTimeOffset(utc, TimeSpan.Zero));
        }

        public static DateTimeOffset FromMilliseconds(double milliseconds) => Epoch.AddTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond));

        public static DateTimeOffset FromSeconds(long seconds) => Epoch.AddSeconds(seconds);
    }
}
