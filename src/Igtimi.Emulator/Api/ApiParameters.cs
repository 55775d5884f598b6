namespace Igtimi.Emulator.Api;

/// <summary>
/// Reads request parameters in igtimi.com's encoding: arrays as <c>name[]=a&amp;name[]=b</c> (ASP.NET
/// decodes <c>name%5B%5D</c> to the same), maps as <c>name[key]=value</c>. Unknown parameters are ignored.
/// </summary>
internal sealed class ApiParameters(IQueryCollection query)
{
    /// <summary>Values of <c>name[]</c>, in order; empty when absent.</summary>
    public IReadOnlyList<string> Array(string name) =>
        query[name + "[]"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray();

    /// <summary>Values of <c>name[]</c> that parse as integer ids; others are ignored.</summary>
    public IReadOnlyList<long> IdArray(string name) =>
        Array(name).Select(v => long.TryParse(v, out long id) ? id : (long?)null).OfType<long>().ToArray();

    /// <summary>The <c>name[key]=value</c> pairs as a map from key to value.</summary>
    public IReadOnlyDictionary<string, string> Map(string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        string prefix = name + "[";
        foreach (var (key, values) in query)
        {
            if (key.Length > prefix.Length + 1 && key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(']'))
                map[key[prefix.Length..^1]] = values.ToString();
        }
        return map;
    }
}
