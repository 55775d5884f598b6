using System.Globalization;

namespace Igtimi.Emulator.Hosting;

/// <summary>The outcome of parsing the command line: options to run with, a help request, or an error.</summary>
internal sealed record CommandLineResult(EmulatorOptions? Options, bool HelpRequested = false, string? Error = null);

/// <summary>Parses <c>--name value</c> and <c>--name=value</c> options into <see cref="EmulatorOptions"/>.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage: Igtimi.Emulator [options]

        A local Igtimi-compatible API server for demos and tests. The first line on stdout is the
        bound base URL (e.g. http://127.0.0.1:41234/); everything else goes to stderr.
        Stop with Ctrl+C or SIGTERM.

        Options:
          --urls URLS            Listen URLs, ';'-separated (default http://127.0.0.1:0: a free port)
          --seed N               World and fault seed: same seed, same ids and names (default 1)
          --anchor-date DATE     Last regatta day, yyyy-MM-dd (UTC); the regatta covers it and the
                                 3 days before (default: today's UTC date)
          --latency-ms N         Delay added to every request, 0-600000 (default 0)
          --fail-rate R          Share 0.0-1.0 of /api and /oauth/token requests that fail (default 0)
          --fail-status S        Status of those failures: 503, 429 or mixed (default mixed)
          --retry-after SECONDS  Retry-After sent with those failures, 0-86400 (default 1)
          --hz R                 Samples per second of the fast sensor channels, above 0 and
                                 at most 50 (default 1)
          --reset-rate R         Share 0.0-1.0 of resources/data responses cut mid-body (default 0)
          --slow-body-ms N       Write every /api body in 4 KB chunks, N ms before each, 0-600000
                                 (default 0: off)
          --flavor F             The dialect: igtimi (igtimi.com, the default) or sap (SAP's Riot gateway
                                 under /igtimi and /security/api); the other dialect's paths give 404
          --sap-lock-ms N        SAP: first lock after a failed login, doubling up to 60 s (default 1000;
                                 0: off)

        Live servers (ws://<host>/live_api and /live_api2):
          --live-start TIME      The live clock's time at start, ISO-8601 UTC, e.g. 2025-06-15T11:00:00Z
                                 (default: the current time)
          --live-speed F         Live clock speed: live now = start + real elapsed x F, above 0 and
                                 at most 100 (default 1)
          --live-heartbeat-ms N  Real ms between server heartbeats '1' (default 15000)
          --live-frame-ms N      Real ms between data frames (default 1000)
          --live-client-timeout-ms N
                                 Close a client silent for N real ms (default 300000)
          --live-drop-every-ms N Fault: abort every live connection N real ms after it opened (default 0: off)
          --live-refuse-first    Fault: /live_api (the first listed server) answers 503
          --live-no-heartbeat    Fault: the servers never send the heartbeat '1'
          --help                 Show this text

        """;

    private static readonly HashSet<string> KnownOptions =
        ["--urls", "--seed", "--anchor-date", "--latency-ms", "--fail-rate", "--fail-status", "--retry-after",
         "--hz", "--reset-rate", "--slow-body-ms", "--live-start", "--live-speed", "--live-heartbeat-ms", "--live-frame-ms",
         "--live-client-timeout-ms", "--live-drop-every-ms", "--live-refuse-first", "--live-no-heartbeat", "--flavor", "--sap-lock-ms"];

    /// <summary>Switches: given alone they mean true; <c>--name=true|false</c> is accepted too. They never take the next argument.</summary>
    private static readonly HashSet<string> Flags = ["--live-refuse-first", "--live-no-heartbeat"];

    public static CommandLineResult Parse(IReadOnlyList<string> args)
    {
        var defaults = new EmulatorOptions();
        string urls = defaults.Urls;
        int seed = defaults.Seed, latencyMs = defaults.LatencyMs, retryAfter = defaults.RetryAfterSeconds;
        double failRate = defaults.FailRate, hz = defaults.Hz, resetRate = defaults.ResetRate;
        int slowBodyMs = defaults.SlowBodyMs;
        var failStatus = defaults.FailStatus;
        DateOnly? anchorDate = defaults.AnchorDate;
        DateTimeOffset? liveStart = defaults.LiveStart;
        double liveSpeed = defaults.LiveSpeed;
        int liveHeartbeatMs = defaults.LiveHeartbeatMs, liveFrameMs = defaults.LiveFrameMs,
            liveClientTimeoutMs = defaults.LiveClientTimeoutMs, liveDropEveryMs = defaults.LiveDropEveryMs;
        bool liveRefuseFirst = defaults.LiveRefuseFirst, liveNoHeartbeat = defaults.LiveNoHeartbeat;
        var flavor = defaults.Flavor;
        int sapLockMs = defaults.SapLockMs;

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg is "--help" or "-h" or "-?")
                return new CommandLineResult(null, HelpRequested: true);
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                return Fail($"unexpected argument '{arg}'.");

            int equals = arg.IndexOf('=');
            string name = equals < 0 ? arg : arg[..equals];
            if (!KnownOptions.Contains(name))
                return Fail($"unknown option '{name}'.");
            string? value = equals >= 0 ? arg[(equals + 1)..]
                : Flags.Contains(name) ? "true"
                : i + 1 < args.Count ? args[++i] : null;
            if (string.IsNullOrEmpty(value))
                return Fail($"option '{name}' needs a value.");

            bool ok = name switch
            {
                "--seed" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed),
                "--latency-ms" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out latencyMs),
                "--fail-rate" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out failRate),
                "--fail-status" => TryParseFailStatus(value, out failStatus),
                "--anchor-date" => TryParseDate(value, out anchorDate),
                "--retry-after" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out retryAfter),
                "--hz" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out hz),
                "--reset-rate" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out resetRate),
                "--slow-body-ms" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out slowBodyMs),
                "--live-start" => TryParseInstant(value, out liveStart),
                "--live-speed" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out liveSpeed),
                "--live-heartbeat-ms" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out liveHeartbeatMs),
                "--live-frame-ms" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out liveFrameMs),
                "--live-client-timeout-ms" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out liveClientTimeoutMs),
                "--live-drop-every-ms" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out liveDropEveryMs),
                "--live-refuse-first" => bool.TryParse(value, out liveRefuseFirst),
                "--live-no-heartbeat" => bool.TryParse(value, out liveNoHeartbeat),
                "--flavor" => TryParseFlavor(value, out flavor),
                "--sap-lock-ms" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out sapLockMs),
                _ => true,
            };
            if (name == "--urls")
                urls = value;
            if (!ok)
                return Fail($"invalid value '{value}' for option '{name}'.");
        }

        var options = new EmulatorOptions
        {
            Urls = urls,
            Seed = seed,
            AnchorDate = anchorDate,
            LatencyMs = latencyMs,
            FailRate = failRate,
            FailStatus = failStatus,
            RetryAfterSeconds = retryAfter,
            Hz = hz,
            ResetRate = resetRate,
            SlowBodyMs = slowBodyMs,
            LiveStart = liveStart,
            LiveSpeed = liveSpeed,
            LiveHeartbeatMs = liveHeartbeatMs,
            LiveFrameMs = liveFrameMs,
            LiveClientTimeoutMs = liveClientTimeoutMs,
            LiveDropEveryMs = liveDropEveryMs,
            LiveRefuseFirst = liveRefuseFirst,
            LiveNoHeartbeat = liveNoHeartbeat,
            Flavor = flavor,
            SapLockMs = sapLockMs,
            SapLockMaxMs = Math.Max(defaults.SapLockMaxMs, sapLockMs),
        };
        return options.FindError() is { } error ? Fail(error) : new CommandLineResult(options);
    }

    private static bool TryParseDate(string value, out DateOnly? date)
    {
        bool ok = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        date = ok ? parsed : null;
        return ok;
    }

    /// <summary>An ISO-8601 instant; a time without an offset is taken as UTC.</summary>
    private static bool TryParseInstant(string value, out DateTimeOffset? instant)
    {
        bool ok = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed);
        instant = ok ? parsed : null;
        return ok;
    }

    private static bool TryParseFlavor(string value, out EmulatorFlavor flavor)
    {
        switch (value.ToLowerInvariant())
        {
            case "igtimi":
                flavor = EmulatorFlavor.Igtimi;
                return true;
            case "sap":
                flavor = EmulatorFlavor.Sap;
                return true;
            default:
                flavor = default;
                return false;
        }
    }

    private static bool TryParseFailStatus(string value, out FailStatusMode mode)
    {
        switch (value.ToLowerInvariant())
        {
            case "503":
                mode = FailStatusMode.ServiceUnavailable503;
                return true;
            case "429":
                mode = FailStatusMode.TooManyRequests429;
                return true;
            case "mixed":
                mode = FailStatusMode.Mixed;
                return true;
            default:
                mode = default;
                return false;
        }
    }

    private static CommandLineResult Fail(string message) => new(null, Error: message);
}
