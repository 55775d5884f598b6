using System.Globalization;
using System.Net;
using System.Text;

namespace Igtimi.Emulator.Sap;

/// <summary>
/// The SAP flavor's answers besides JSON (docs/design/sap-dialect.md section 3): Jetty's default HTML error page (404, 405, 415, 500;
/// never an <c>{"error":…}</c> object), Shiro's 401 text, the security API's empty 401 with a Basic challenge, and json-simple JSON.
/// </summary>
internal static class SapResults
{
    /// <summary>The challenge of a failed <c>access_token</c> call.</summary>
    public const string Challenge = "BASIC realm=\"SAP\"";

    public static IResult Json(Action<SapJsonWriter> write, int status = StatusCodes.Status200OK)
    {
        var writer = new SapJsonWriter();
        write(writer);
        return new BytesResult(writer.ToArray(), SapJsonWriter.ContentType, status);
    }

    /// <summary>Jetty's error page for <paramref name="status"/>, naming the request URI.</summary>
    public static IResult JettyError(HttpContext http, int status)
    {
        string reason = status switch
        {
            400 => "Bad Request",
            404 => "Not Found",
            405 => "Method Not Allowed",
            415 => "Unsupported Media Type",
            _ => "Server Error",
        };
        string uri = WebUtility.HtmlEncode(http.Request.PathBase + http.Request.Path);
        string code = status.ToString(CultureInfo.InvariantCulture);
        string page = $"""
            <html>
            <head>
            <meta http-equiv="Content-Type" content="text/html;charset=ISO-8859-1"/>
            <title>Error {code} {reason}</title>
            </head>
            <body><h2>HTTP ERROR {code} {reason}</h2>
            <table>
            <tr><th>URI:</th><td>{uri}</td></tr>
            <tr><th>STATUS:</th><td>{code}</td></tr>
            <tr><th>MESSAGE:</th><td>{reason}</td></tr>
            <tr><th>SERVLET:</th><td>Jersey REST Service</td></tr>
            </table>
            <hr/><a href="https://eclipse.org/jetty">Powered by Jetty:// 9.4.53.v20231009</a><hr/>

            </body>
            </html>

            """;
        return new BytesResult(Encoding.Latin1.GetBytes(page), "text/html;charset=iso-8859-1", status);
    }

    /// <summary>Shiro's authorization failure as Jersey maps it: 401 with the exception text as plain text, no challenge.</summary>
    public static IResult NoPermission(string permission) =>
        Results.Text($"Subject does not have permission [{permission}]", "text/plain", Encoding.UTF8, StatusCodes.Status401Unauthorized);

    /// <summary>The security API's failure: 401, an empty body, <c>WWW-Authenticate: BASIC realm="SAP"</c>.</summary>
    public static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = Challenge;
        return Results.StatusCode(StatusCodes.Status401Unauthorized);
    }
}

/// <summary>A body with an exact Content-Type (written as given, e.g. <c>application/json;charset=UTF-8</c>) and status.</summary>
internal sealed class BytesResult(byte[] body, string contentType, int status) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}

/// <summary>A parameter SAP's server cannot parse (a time that is not an integer, a missing <c>serial_numbers[]</c>): Jetty's 500 page.</summary>
internal sealed class SapParameterException(string message) : Exception(message);

/// <summary>Reads SAP's request parameters: literal names (<c>serial_numbers[]</c>, <c>types[n]</c>; percent-encoded brackets decode to the
/// same), integer ms times; unknown parameters are ignored.</summary>
internal sealed class SapParameters(IQueryCollection query)
{
    /// <summary>An integer ms time; null when absent or empty. Anything else (a float too, as Java's Long.parseLong) throws.</summary>
    public long? Time(string name)
    {
        if (query[name].LastOrDefault(v => !string.IsNullOrEmpty(v)) is not { } value)
            return null;
        return long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ms)
            ? ms
            : throw new SapParameterException($"{name}: not a long: {value}");
    }

    /// <summary>Whether <c>name[]</c> is present at all.</summary>
    public bool Has(string arrayName) => query.ContainsKey(arrayName + "[]");

    /// <summary>The non-empty values of <c>name[]</c>, in order.</summary>
    public IReadOnlyList<string> Array(string arrayName) =>
        query[arrayName + "[]"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToArray();

    /// <summary>The case numbers of <c>types[n]=…</c> (values ignored); a non-integer n throws.</summary>
    public IReadOnlyCollection<int> Types()
    {
        var cases = new HashSet<int>();
        foreach (string key in query.Keys)
        {
            if (!key.StartsWith("types[", StringComparison.Ordinal) || !key.EndsWith(']') || key == "types[]")
                continue;
            string n = key["types[".Length..^1];
            if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out int pointCase))
                throw new SapParameterException($"types[{n}]: not an integer");
            cases.Add(pointCase);
        }
        return cases;
    }
}

/// <summary>
/// The gateway's filter on <c>/igtimi/api/v1/**</c>: Bearer, Basic or form credentials, and anything missing, wrong or locked is the anonymous
/// user <c>&lt;all&gt;</c> (never a 401, never a challenge). Also turns <see cref="SapParameterException"/> into Jetty's 500 page.
/// </summary>
internal sealed class SapGatewayFilter(EmulatorWorld world, SapSecurity security) : IEndpointFilter
{
    private static readonly object UserKey = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var outcome = await security.AuthenticateAsync(http.Request, allowForm: true, allowQuery: false);
        if (outcome.User is null && outcome.Kind != SapSecurity.CredentialKind.None)
            security.AnonymousFallback();
        http.Items[UserKey] = outcome.User ?? world.SapAnonymous;
        try
        {
            return await next(context);
        }
        catch (SapParameterException)
        {
            return SapResults.JettyError(http, StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>The caller: the authenticated user or <see cref="EmulatorWorld.SapAnonymous"/>.</summary>
    public static EmulatorUser CurrentUser(HttpContext http) =>
        http.Items[UserKey] as EmulatorUser ?? throw new InvalidOperationException("The endpoint is not behind SapGatewayFilter.");
}

/// <summary>The SAP flavor's <c>/_emulator/echo</c>: valid SAP credentials required (checked without touching locks or counters), else the
/// security API's 401.</summary>
internal sealed class SapEchoFilter(SapSecurity security) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var outcome = await security.AuthenticateAsync(context.HttpContext.Request, allowForm: true, allowQuery: false, applyLocks: false);
        return outcome.User is null ? SapResults.Unauthorized(context.HttpContext) : await next(context);
    }
}
