using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Data
{
    /// <summary>
    /// One sample of one device: serial number, type, data source (DSI), time and the type's component
    /// values. Typed subclasses name the values; a type the module does not know is a plain
    /// IgtimiDataPoint with its raw components.
    /// </summary>
    public class IgtimiDataPoint
    {
        public const double KmhPerKnot = 1.852;

        // Millions of points are built per download, mostly before the runtime's tiering would optimize these constructors.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public IgtimiDataPoint(string serialNumber, int type, int dsi, long unixTimeMilliseconds, double[] values, string?[]? texts = null)
        {
            if (unixTimeMilliseconds < UnixTime.MinRepresentable || unixTimeMilliseconds > UnixTime.MaxRepresentable) NotRepresentable(unixTimeMilliseconds);
            SerialNumber = serialNumber;
            Type = type;
            Dsi = dsi;
            UnixTimeMilliseconds = unixTimeMilliseconds;
            Values = values;
            Texts = texts;
        }

        private static void NotRepresentable(long unixTimeMilliseconds) =>
            throw new ArgumentOutOfRangeException(nameof(unixTimeMilliseconds), unixTimeMilliseconds, "The time is not between the years 1 and 9999.");

        public string SerialNumber { get; }

        /// <summary>The boat the device sailed in, when the point came for a race; else null (exports then use the device name).</summary>
        public string? BoatName { get; internal set; }

        /// <summary>The data type code (1 = GPS position, 9 = SOG, …).</summary>
        public int Type { get; }

        public string TypeName => IgtimiDataTypeCatalog.Get(Type).Name;

        /// <summary>The data source identifier: 0 normally; tells sources apart (e.g. heart-rate straps).</summary>
        public int Dsi { get; }

        public long UnixTimeMilliseconds { get; }

        public DateTimeOffset Timestamp => UnixTime.FromMilliseconds(UnixTimeMilliseconds);

        /// <summary>Component values in packed order ("1", "2", …); NaN where the server sent null or text.</summary>
        public double[] Values { get; }

        /// <summary>Text component values (file names, checksums), by component; null when all are numbers.</summary>
        public string?[]? Texts { get; }

        protected double Component(int index) => index < Values.Length ? Values[index] : double.NaN;

        /// <summary>
        /// The value as a person reads it, with its unit: <c>-36.84394, 174.76912</c>, <c>7.53 kn</c>, <c>212°</c>, <c>91 %</c>;
        /// one text for every type, so that points of all types share one table. Invariant culture: a comma separates components.
        /// </summary>
        public virtual string DisplayValue
        {
            get
            {
                var components = IgtimiDataTypeCatalog.Get(Type).Components;
                var parts = new string[Values.Length];
                for (var i = 0; i < Values.Length; i++)
                {
                    var text = Texts != null && i < Texts.Length ? Texts[i] : null;
                    parts[i] = text ?? WithUnit(Number(Values[i], "0.###"), i < components.Count ? components[i].Unit : null);
                }
                return string.Join(", ", parts);
            }
        }

        /// <summary>A number in invariant culture, or empty for NaN (a null the server sent).</summary>
        protected static string Number(double value, string format) =>
            double.IsNaN(value) ? "" : value.ToString(format, CultureInfo.InvariantCulture);

        protected static string WithUnit(string number, string? unit)
        {
            if (number.Length == 0 || string.IsNullOrEmpty(unit)) return number;
            return unit == "deg" ? number + "°" : number + " " + unit;
        }

        public override string ToString() =>
            $"{SerialNumber} {TypeName} {Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} " +
            string.Join(" ", Array.ConvertAll(Values, v => v.ToString("G", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>A GPS position (type 1): packed component 1 is longitude, 2 is latitude.</summary>
    public sealed class IgtimiPositionPoint : IgtimiDataPoint
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public IgtimiPositionPoint(string serialNumber, int dsi, long time, double[] values) : base(serialNumber, 1, dsi, time, values) { }

        public double Latitude => Component(1);
        public double Longitude => Component(0);

        /// <summary>Latitude, longitude in degrees to 5 places (about a metre).</summary>
        public override string DisplayValue =>
            double.IsNaN(Latitude) && double.IsNaN(Longitude) ? "" : Number(Latitude, "0.00000") + ", " + Number(Longitude, "0.00000");
    }

    /// <summary>A speed (SOG 9, STW 10, AWS 12, TWS 23): the API's km/h, and knots.</summary>
    public sealed class IgtimiSpeedPoint : IgtimiDataPoint
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public IgtimiSpeedPoint(string serialNumber, int type, int dsi, long time, double[] values) : base(serialNumber, type, dsi, time, values) { }

        public double SpeedKmh => Component(0);
        public double SpeedKnots => Component(0) / KmhPerKnot;

        public override string DisplayValue => WithUnit(Number(SpeedKnots, "0.00"), "kn");
    }

    /// <summary>An angle in degrees (COG 6, HDGM 7, HDG 8, AWA 11, TWD 22); NormalizedDegrees is in [0, 360).</summary>
    public sealed class IgtimiAnglePoint : IgtimiDataPoint
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public IgtimiAnglePoint(string serialNumber, int type, int dsi, long time, double[] values) : base(serialNumber, type, dsi, time, values) { }

        public double Degrees => Component(0);

        public double NormalizedDegrees => Angles.Normalize(Component(0));

        public override string DisplayValue => WithUnit(Number(NormalizedDegrees, "0.#"), "deg");
    }

    /// <summary>An ANT+ heart-rate strap sample (type 13); the DSI identifies the strap.</summary>
    public sealed class IgtimiHeartRatePoint : IgtimiDataPoint
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public IgtimiHeartRatePoint(string serialNumber, int dsi, long time, double[] values) : base(serialNumber, 13, dsi, time, values) { }

        public double EventTime => Component(0);
        public double HeartBeatCount => Component(1);
        public double HeartRate => Component(2);

        public override string DisplayValue => WithUnit(Number(HeartRate, "0"), "bpm");
    }

    /// <summary>A single-value reading with a unit: GPS quality, satellites, HDOP, altitude, cadence, battery, ….</summary>
    public sealed class IgtimiValuePoint : IgtimiDataPoint
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public IgtimiValuePoint(string serialNumber, int type, int dsi, long time, double[] values) : base(serialNumber, type, dsi, time, values) { }

        public double Value => Component(0);

        public override string DisplayValue => WithUnit(Number(Value, "0.###"), Unit);

        public string? Unit
        {
            get
            {
                var components = IgtimiDataTypeCatalog.Get(Type).Components;
                return components.Count > 0 ? components[0].Unit : null;
            }
        }
    }

    public static class IgtimiDataPoints
    {
        /// <summary>Builds the typed point for a type code.</summary>
        public static IgtimiDataPoint Create(string serialNumber, int type, int dsi, long time, double[] values, string?[]? texts = null) =>
            Create(serialNumber, type, IgtimiDataTypeCatalog.KindOf(type), dsi, time, values, texts);

        /// <summary>Builds the typed point for a type code whose kind the caller looked up (once for a whole block).</summary>
        [MethodImpl(PackedDataReader.HotPath)]
        internal static IgtimiDataPoint Create(string serialNumber, int type, IgtimiValueKind kind, int dsi, long time, double[] values, string?[]? texts)
        {
            if (texts != null) return new IgtimiDataPoint(serialNumber, type, dsi, time, values, texts);
            switch (kind)
            {
                case IgtimiValueKind.Position: return new IgtimiPositionPoint(serialNumber, dsi, time, values);
                case IgtimiValueKind.Speed: return new IgtimiSpeedPoint(serialNumber, type, dsi, time, values);
                case IgtimiValueKind.Angle: return new IgtimiAnglePoint(serialNumber, type, dsi, time, values);
                case IgtimiValueKind.HeartRate: return new IgtimiHeartRatePoint(serialNumber, dsi, time, values);
                case IgtimiValueKind.Value: return new IgtimiValuePoint(serialNumber, type, dsi, time, values);
                default: return new IgtimiDataPoint(serialNumber, type, dsi, time, values);
            }
        }
    }
}
