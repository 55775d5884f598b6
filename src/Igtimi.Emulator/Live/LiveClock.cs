namespace Igtimi.Emulator;

/// <summary>
/// The live servers' clock: <see cref="Start"/> + (real time elapsed since the emulator started) × <see cref="Speed"/>.
/// It puts "now" for the live stream inside the regatta's sensor-on hours (<c>--live-start</c>) and can run faster than
/// real time (<c>--live-speed</c>). Only the live servers and <c>GET /_emulator/live_clock</c> use it; the REST endpoints keep
/// <see cref="EmulatorOptions.Clock"/>. Thread-safe.
/// </summary>
public sealed class LiveClock
{
    /// <summary>The highest <see cref="Speed"/> allowed.</summary>
    public const double MaxSpeed = 100;

    private readonly TimeProvider _timer;
    private readonly long _startedAt;

    /// <param name="start">The live time at this moment.</param>
    /// <param name="speed">Live ms per real ms, above 0 and at most <see cref="MaxSpeed"/>.</param>
    /// <param name="timer">Measures real elapsed time (its timestamps); null: the system's monotonic clock.</param>
    public LiveClock(DateTimeOffset start, double speed = 1, TimeProvider? timer = null)
    {
        if (double.IsNaN(speed) || speed <= 0 || speed > MaxSpeed)
            throw new ArgumentOutOfRangeException(nameof(speed), speed, $"The speed must be above 0 and at most {MaxSpeed}.");
        Start = start.ToUniversalTime();
        StartMs = Start.ToUnixTimeMilliseconds();
        Speed = speed;
        _timer = timer ?? TimeProvider.System;
        _startedAt = _timer.GetTimestamp();
    }

    /// <summary>The live time when the clock was created (the emulator's start).</summary>
    public DateTimeOffset Start { get; }

    /// <summary><see cref="Start"/> in ms since the epoch.</summary>
    public long StartMs { get; }

    /// <summary>Live ms per real ms.</summary>
    public double Speed { get; }

    /// <summary>Real time elapsed since the clock was created.</summary>
    public TimeSpan RealElapsed => _timer.GetElapsedTime(_startedAt);

    /// <summary>The live time now, in whole ms since the epoch (never goes backwards).</summary>
    public long NowMs => StartMs + (long)Math.Floor(RealElapsed.TotalMilliseconds * Speed);

    /// <summary>The live time now.</summary>
    public DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(NowMs);
}
