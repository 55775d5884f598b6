using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Igtimi.Client.Http
{
    /// <summary>JS timestamps: milliseconds since the Unix epoch, UTC.</summary>
    public static class UnixTime
    {
        private static readonly DateTimeOffset Epoch = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>The first millisecond DateTimeOffset can hold (0001-01-01), as JS time.</summary>
        public const long MinRepresentable = -62135596800000;

        /// <summary>The last millisecond DateTimeOffset can hold (9999-12-31), as JS time.</summary>
        public const long MaxRepresentable = 253402300799999;

        /// <summary>
        /// A sample time is plausible after 1970-01-01 00:00:00 UTC (0 is "unknown", as a WindBot sends
        /// before its clock is set; NaN read as 0; earlier is impossible) and before 2100-01-01. A time
        /// outside is the server's mistake, never data.
        /// </summary>
        public static readonly DateTimeOffset PlausibleStart = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public static readonly DateTimeOffset PlausibleEnd = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public const long PlausibleEndMs = 4102444800000;

        public static long ToMilliseconds(DateTimeOffset value) => (long)Math.Floor((value.ToUniversalTime() - Epoch).TotalMilliseconds);

        /// <summary>An unspecified kind is taken as local time, as PowerShell's Get-Date gives it.</summary>
        public static long ToMilliseconds(DateTime value)
        {
            var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
            return ToMilliseconds(new DateTimeOffset(utc, TimeSpan.Zero));
        }

        /// <summary>The time of a JS timestamp; an ArgumentOutOfRangeException when no DateTimeOffset can hold it.</summary>
        public static DateTimeOffset FromMilliseconds(double milliseconds)
        {
            if (!TryFromMilliseconds(milliseconds, out var value))
                throw new ArgumentOutOfRangeException(nameof(milliseconds), milliseconds,
                    $"{Describe(milliseconds)} ms is not a time between the years 1 and 9999.");
            return value;
        }

        public static bool TryFromMilliseconds(double milliseconds, out DateTimeOffset value)
        {
            if (double.IsNaN(milliseconds) || milliseconds < MinRepresentable || milliseconds > MaxRepresentable)
            {
                value = default;
                return false;
            }
            value = Epoch.AddTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond));
            return true;
        }

        /// <summary>True for a sample time a device can have recorded (see <see cref="PlausibleStart"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool IsPlausible(long milliseconds) => milliseconds > 0 && milliseconds < PlausibleEndMs;

        public static DateTimeOffset FromSeconds(long seconds) => Epoch.AddSeconds(seconds);

        /// <summary>A timestamp for a message: the UTC time, or the raw number when it is no time at all.</summary>
        public static string Describe(double milliseconds) =>
            TryFromMilliseconds(milliseconds, out var value) && milliseconds >= 0
                ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC"
                : milliseconds.ToString("R", CultureInfo.InvariantCulture) + " ms";
    }
}
