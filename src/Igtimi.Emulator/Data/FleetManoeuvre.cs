namespace Igtimi.Emulator;

/// <summary>
/// A tack or gybe of the fleet model: the boat's heading (degrees, without sensor noise) turns from
/// <see cref="HeadingBefore"/> to <see cref="HeadingAfter"/> at <see cref="Time"/> (whole ms), through the wind (tack)
/// or through the run (gybe).
/// </summary>
public sealed record FleetManoeuvre(EmulatorDevice Device, DateTimeOffset Time, string Kind, double HeadingBefore, double HeadingAfter);
