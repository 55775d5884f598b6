using System.Net;
using System.Text.RegularExpressions;

namespace Igtimi.Client.Tests;

/// <summary>
/// Plays the user's browser against the emulator's sign-in pages: posts the login form, approves
/// the app, and returns where the server redirected to (or the out-of-band page).
/// </summary>
internal sealed class BrowserPlayer : IDisposable
{
    private readonly HttpClient _client;

    public BrowserPlayer()
    {
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true });
    }

    public string Email { get; init; } = EmulatorFixture.OwnerEmail;
    public string Password { get; init; } = EmulatorFixture.OwnerPassword;

    /// <summary>Signs in and approves; returns the redirect Location, or the HTML of the out-of-band page.</summary>
    public async Task<(Uri? Location, string? Page)> SignInAndApproveAsync(Uri authorizeUri, bool approve = true)
    {
        var page = await _client.GetAsync(authorizeUri);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"authorize page: {(int)page.StatusCode} {html}");

        var login = Form.Parse(html, authorizeUri).Single(f => f.Fields.Keys.Any(k => k.Contains("password")));
        login.Fields[login.Fields.Keys.Single(k => k.Contains("email"))] = Email;
        login.Fields[login.Fields.Keys.Single(k => k.Contains("password"))] = Password;
        var signedIn = await _client.PostAsync(login.Action, new FormUrlEncodedContent(login.Fields));
        if (signedIn.StatusCode != HttpStatusCode.Found) throw new InvalidOperationException($"sign-in: {(int)signedIn.StatusCode}");

        var approvalPage = await _client.GetAsync(new Uri(authorizeUri, signedIn.Headers.Location!));
        var approvalHtml = await approvalPage.Content.ReadAsStringAsync();
        var forms = Form.Parse(approvalHtml, authorizeUri);
        var form = approve
            ? forms.Single(f => f.Submit.TryGetValue("commit", out var v) && v == "Authorize")
            : forms.Single(f => !(f.Submit.TryGetValue("commit", out var v) && v == "Authorize"));
        foreach (var submit in form.Submit) form.Fields[submit.Key] = submit.Value;
        var decided = await _client.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));
        if (decided.StatusCode == HttpStatusCode.Found) return (new Uri(authorizeUri, decided.Headers.Location!), null);
        return (null, await decided.Content.ReadAsStringAsync());
    }

    /// <summary>Follows a loopback redirect the way a browser does, running the fragment relay page if one comes.</summary>
    public async Task FollowRedirectAsync(Uri location)
    {
        var withoutFragment = new UriBuilder(location) { Fragment = "" }.Uri;
        var response = await _client.GetAsync(withoutFragment);
        var html = await response.Content.ReadAsStringAsync();
        if (location.Fragment.Length > 1 && html.Contains("window.location.hash"))
        {
            var relay = new UriBuilder(withoutFragment) { Query = location.Fragment.TrimStart('#') + "&igtimips_fragment=1" }.Uri;
            await _client.GetAsync(relay);
        }
    }

    public static string OutOfBandValue(string html) =>
        Regex.Match(html, "<code id=\"authorization_code\">([^<]+)</code>").Groups[1].Value;

    public void Dispose() => _client.Dispose();

    private sealed class Form
    {
        public Uri Action { get; private init; } = null!;
        public Dictionary<string, string> Fields { get; } = new();
        public Dictionary<string, string> Submit { get; } = new();

        public static List<Form> Parse(string html, Uri page)
        {
            var forms = new List<Form>();
            foreach (Match match in Regex.Matches(html, "<form\\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase))
            {
                var action = Attribute(match.Groups[1].Value, "action") ?? page.AbsolutePath;
                var form = new Form { Action = new Uri(page, WebUtility.HtmlDecode(action)) };
                foreach (Match element in Regex.Matches(match.Groups[2].Value, "<(input|button)\\b([^>]*)>", RegexOptions.IgnoreCase))
                {
                    var name = Attribute(element.Groups[2].Value, "name");
                    if (name is null) continue;
                    var value = WebUtility.HtmlDecode(Attribute(element.Groups[2].Value, "value") ?? "");
                    var type = Attribute(element.Groups[2].Value, "type") ??
                               (element.Groups[1].Value.Equals("button", StringComparison.OrdinalIgnoreCase) ? "submit" : "text");
                    if (type.Equals("submit", StringComparison.OrdinalIgnoreCase)) form.Submit[name] = value;
                    else form.Fields[name] = value;
                }
                forms.Add(form);
            }
            return forms;
        }

        private static string? Attribute(string attributes, string name)
        {
            var match = Regex.Match(attributes, "\\b" + name + "\\s*=\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase);
            return match.Success ? match.Groups[1].Value : null;
        }
    }
}
