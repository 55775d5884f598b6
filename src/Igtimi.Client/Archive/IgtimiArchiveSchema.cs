namespace Igtimi.Client.Archive
{
    /// <summary>
    /// The archive's layout and column names (README "Keep the data"). Files sit at
    /// <c>serial=&lt;serial&gt;/date=&lt;yyyy-MM-dd&gt;/&lt;family&gt;-&lt;generation&gt;.parquet</c>; the partition keys
    /// (serial, date) are not repeated as file columns under those names, which Spark would refuse as duplicates.
    /// </summary>
    public static class IgtimiArchiveSchema
    {
        public const int Version = 1;

        /// <summary>UTC timestamp, milliseconds.</summary>
        public const string Time = "time";
        public const string SerialNumber = "serial_number";
        public const string Type = "type";
        public const string TypeName = "type_name";
        public const string Dsi = "dsi";
        public const string Latitude = "latitude";
        public const string Longitude = "longitude";
        public const string SpeedKmh = "speed_kmh";
        public const string SpeedKnots = "speed_knots";
        public const string AngleDegrees = "angle_deg";
        /// <summary>Single-value types (quality, battery, …) and the heart rate in bpm.</summary>
        public const string Value = "value";
        public const string ComponentCount = "components";

        /// <summary>Raw component k+1 ("c1".."c4") and its text ("t1".."t4").</summary>
        public static string Component(int k) => "c" + (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        public static string Text(int k) => "t" + (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public const string ManifestFile = "_igtimi_manifest.json";
        public const string LockFile = "_igtimi_lock";
    }
}
