namespace Igtimi.Emulator.Oauth;

/// <summary>Appends OAuth response parameters to a redirect URI, in its query or its fragment.</summary>
internal static class RedirectBuilder
{
    public static string Build(string redirectUri, bool inFragment, params (string Name, string? Value)[] parameters)
    {
        string encoded = string.Join('&', parameters
            .Where(p => p.Value is not null)
            .Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value!)));
        char separator = inFragment ? '#' : redirectUri.Contains('?') ? '&' : '?';
        return redirectUri + separator + encoded;
    }
}
