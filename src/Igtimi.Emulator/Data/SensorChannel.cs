namespace Igtimi.Emulator;

/// <summary>
/// One stream of samples a device produces: a data type, its DSI (0 unless a second source such as a
/// heart-rate strap), the sample period in ms (samples exist at t = k × <see cref="PeriodMs"/>, k an integer)
/// and the number of components (<c>"1"</c>, <c>"2"</c>, … in packed data).
/// </summary>
public sealed record SensorChannel(int Type, int Dsi, int PeriodMs, int Components)
{
    /// <summary>The key in packed data: <c>"1"</c> for DSI 0, <c>"13:201"</c> otherwise.</summary>
    public string Key => Dsi == 0 ? Type.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Type}:{Dsi}";

    /// <summary>Decimals a component is written with (0: written as a JSON integer).</summary>
    public int Decimals(int component) => Type switch
    {
        DataTypeCatalog.GpsLatLong => 7,
        DataTypeCatalog.Cog or DataTypeCatalog.Heading or DataTypeCatalog.Awa => 1,
        DataTypeCatalog.Sog or DataTypeCatalog.Aws => 2,
        DataTypeCatalog.BatteryLevel => 1,
        _ => 0,
    };
}

/// <summary>One sample as the emulator writes it: time in ms since the epoch and the rounded component values (index 0 is component "1").</summary>
public sealed record FleetSample(long Time, double[] Values);

/// <summary>An inclusive span [<see cref="Start"/>, <see cref="End"/>] in ms where a device's sensor is on and the reader may read,
/// inside one resource.</summary>
public readonly record struct DataSpan(long Start, long End, EmulatorResource Resource)
{
    /// <summary>The first sample time of a channel with this period inside the span, or null.</summary>
    public long? First(int periodMs)
    {
        long first = CeilDiv(Start, periodMs) * periodMs;
        return first <= End ? first : null;
    }

    /// <summary>Samples of a channel with this period inside the span.</summary>
    public long Count(int periodMs)
    {
        long first = CeilDiv(Start, periodMs);
        long last = FloorDiv(End, periodMs);
        return Math.Max(0, last - first + 1);
    }

    /// <summary>The last sample time inside the span, or null.</summary>
    public long? Last(int periodMs)
    {
        long last = FloorDiv(End, periodMs) * periodMs;
        return last >= Start ? last : null;
    }

    internal static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    internal static long CeilDiv(long a, long b) => -FloorDiv(-a, b);
}
