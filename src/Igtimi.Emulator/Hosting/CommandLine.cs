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
          --help                 Show this text

        """;

    private static readonly HashSet<string> KnownOptions =
        ["--urls", "--seed", "--anchor-date", "--latency-ms", "--fail-rate", "--fail-status", "--retry-after",
         "--hz", "--reset-rate", "--slow-body-ms"];

    public static CommandLineResult Parse(IReadOnlyList<string> args)
    {
        var defaults = new EmulatorOptions();
        string urls = defaults.Urls;
        int seed = defaults.Seed, latencyMs = defaults.LatencyMs, retryAfter = defaults.RetryAfterSeconds;
        double failRate = defaults.FailRate, hz = defaults.Hz, resetRate = defaults.ResetRate;
        int slowBodyMs = defaults.SlowBodyMs;
        var failStatus = defaults.FailStatus;
        DateOnly? anchorDate = defaults.AnchorDate;

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
            string? value = equals >= 0 ? arg[(equals + 1)..] : i + 1 < args.Count ? args[++i] : null;
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
        };
        return options.FindError() is { } error ? Fail(error) : new CommandLineResult(options);
    }

    private static bool TryParseDate(string value, out DateOnly? date)
    {
        bool ok = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        date = ok ? parsed : null;
        return ok;
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
