using System;

namespace Igtimi.Client.Http
{
    /// <summary>The bounds a time filter sent to a server must keep.</summary>
    public static class TimeWindow
    {
        /// <summary>
        /// Refuses times before 1970 or from 2100 on: the API counts milliseconds from 1970 and Igtimi
        /// devices recorded from 2012, so such a time is a typing mistake (or [datetime]::MinValue).
        /// </summary>
        public static void CheckPlausible(DateTimeOffset? start, DateTimeOffset? end)
        {
            if (start.HasValue && (start.Value < UnixTime.PlausibleStart || start.Value >= UnixTime.PlausibleEnd))
                throw new ArgumentException($"The start {Show(start.Value)} is outside {UnixTime.PlausibleStart.Year} to {UnixTime.PlausibleEnd.Year}: " +
                                            "no Igtimi device recorded data then. Give a start within that span.");
            if (end.HasValue && (end.Value < UnixTime.PlausibleStart || end.Value >= UnixTime.PlausibleEnd))
                throw new ArgumentException($"The end {Show(end.Value)} is outside {UnixTime.PlausibleStart.Year} to {UnixTime.PlausibleEnd.Year}: " +
                                            "no Igtimi device recorded data then. Give an end within that span (Get-Date for now).");
        }

        private static string Show(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
    }
}
