using System.Globalization;

namespace Igtimi.Emulator.Api;

/// <summary>
/// Reads request parameters in igtimi.com's encoding: arrays as <c>name[]=a&amp;name[]=b</c> (ASP.NET
/// decodes <c>name%5B%5D</c> to the same), maps as <c>name[key]=value</c>. Unknown parameters are ignored.
/// A known parameter with a value that does not parse throws <see cref="ApiParameterException"/> (answered with 400).
/// </summary>
internal sealed class ApiParameters(IQueryCollection query)
{
    /// <summary>Values of <c>name[]</c>, in order; empty when absent.</summary>
    public IReadOnlyList<string> Array(string name) =>
        query[name + "[]"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray();

    /// <summary>Values of <c>name[]</c> that parse as integer ids; others are ignored.</summary>
    public IReadOnlyList<long> IdArray(string name) =>
        Array(name).Select(v => long.TryParse(v, out long id) ? id : (long?)null).OfType<long>().ToArray();

    /// <summary>The <c>name[key]=value</c> pairs as a map from key to value (a key given twice: the last value).</summary>
    public IReadOnlyDictionary<string, string> Map(string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        string prefix = name + "[";
        foreach (var (key, values) in query)
        {
            if (key.Length > prefix.Length + 1 && key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(']'))
                map[key[prefix.Length..^1]] = values.Count > 0 ? values[^1] ?? string.Empty : string.Empty;
        }
        return map;
    }

    /// <summary>The last non-empty value of <c>name</c>, or null.</summary>
    public string? Value(string name) =>
        query[name].LastOrDefault(v => !string.IsNullOrEmpty(v));

    /// <summary><c>true</c> or <c>1</c> (any case) is true; anything else, or absence, is false.</summary>
    public bool Flag(string name) =>
        Value(name) is { } v && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1");

    /// <summary>A JS-milliseconds time (integer, or a float such as <c>1443832204000.0</c>); null when absent.</summary>
    public DateTimeOffset? Time(string name)
    {
        if (Value(name) is not { } v)
            return null;
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms)
            || double.IsNaN(ms) || ms < -62_135_596_800_000 || ms > 253_402_300_799_999)
            throw new ApiParameterException($"{name} must be a time in milliseconds since 1970-01-01 UTC.");
        return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
    }

    /// <summary>A non-negative integer; null when absent.</summary>
    public int? Count(string name)
    {
        if (Value(name) is not { } v)
            return null;
        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 0
            ? n
            : throw new ApiParameterException($"{name} must be a non-negative integer.");
    }

    /// <summary>
    /// The permission kinds asked for by <c>single</c> (e.g. <c>type=read</c>) and <c>array[]</c> (e.g.
    /// <c>types[]=read&amp;types[]=modify</c>), or null when neither is present. Values are read or modify, any case.
    /// </summary>
    public PermissionFilter? Permissions(string single, string? array = null)
    {
        var values = (Value(single) is { } v ? new[] { v } : []).Concat(array is null ? [] : Array(array)).ToArray();
        if (values.Length == 0)
            return null;
        bool read = false, modify = false;
        foreach (string value in values)
        {
            if (value.Equals("read", StringComparison.OrdinalIgnoreCase))
                read = true;
            else if (value.Equals("modify", StringComparison.OrdinalIgnoreCase))
                modify = true;
            else
                throw new ApiParameterException($"{single} must be read or modify.");
        }
        return new PermissionFilter(read, modify);
    }

    /// <summary>The start_time/end_time pair (each optional); a start after the end is a bad request.</summary>
    public TimeFilter Times()
    {
        var start = Time("start_time");
        var end = Time("end_time");
        if (start > end)
            throw new ApiParameterException("start_time must not be after end_time.");
        return new TimeFilter(start, end);
    }
}

/// <summary>An object matches when it has any of the asked-for rights.</summary>
internal sealed record PermissionFilter(bool Read, bool Modify)
{
    public bool Matches(EmulatorPermissions p) => (Read && p.Read) || (Modify && p.Modify);
}

/// <summary>Overlap filter: an object [start, end] matches when it overlaps [Start, End]; a missing bound is open.</summary>
internal sealed record TimeFilter(DateTimeOffset? Start, DateTimeOffset? End)
{
    public bool Overlaps(DateTimeOffset start, DateTimeOffset? end) =>
        (End is null || start <= End) && (Start is null || end is null || end >= Start);
}

/// <summary>A known parameter with a value that does not parse: answered with 400 <c>bad_request</c>.</summary>
internal sealed class ApiParameterException(string message) : Exception(message);

/// <summary>Turns <see cref="ApiParameterException"/> into a 400 <c>bad_request</c> answer.</summary>
internal sealed class ApiParameterFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ApiParameterException ex)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "bad_request", ex.Message);
        }
    }
}
