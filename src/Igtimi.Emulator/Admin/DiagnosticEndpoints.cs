using System.Text;
using Igtimi.Emulator.Api;
using Igtimi.Emulator.Faults;
using Igtimi.Emulator.Sap;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Igtimi.Emulator.Admin;

/// <summary>
/// Test helpers under <c>/_emulator/</c>, not part of the Igtimi API: echo (shows the request exactly as
/// received, token required; <c>query_string</c> and <c>body</c> are raw, <c>query</c> and <c>form</c> decoded pairs),
/// status (answers any error status), slow (answers after a delay).
/// </summary>
internal static class DiagnosticEndpoints
{
    private const string Root = "/_emulator";
    private const int MaxSlowMs = 600_000;

    /// <summary>Maps the helpers; the echo endpoint takes the flavor's credentials (an igtimi token, or SAP credentials).</summary>
    public static void Map(IEndpointRouteBuilder app, EmulatorFlavor flavor)
    {
        var echo = app.MapMethods(Root + "/echo", [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete],
            (Delegate)EchoAsync);
        if (flavor == EmulatorFlavor.Sap)
            echo.AddEndpointFilter<SapEchoFilter>();
        else
            echo.AddEndpointFilter<TokenFilter>();

        app.MapGet(Root + "/status/{code:int}", (int code) =>
            code is < 400 or > 599
                ? ApiResults.Error(StatusCodes.Status400BadRequest, "bad_request", "The status must be between 400 and 599.")
                : ApiResults.Error(code, ErrorNames.ForStatus(code), $"emulated status {code}"));

        app.MapGet(Root + "/slow", async (HttpContext http) =>
        {
            if (!int.TryParse(http.Request.Query["ms"], out int ms) || ms is < 0 or > MaxSlowMs)
                return ApiResults.Error(StatusCodes.Status400BadRequest, "bad_request", $"ms must be an integer between 0 and {MaxSlowMs}.");
            await Task.Delay(ms, http.RequestAborted);
            return Results.Json(new { slept_ms = ms });
        });
    }

    private static async Task<IResult> EchoAsync(HttpContext http)
    {
        var request = http.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        string body = await reader.ReadToEndAsync(http.RequestAborted);
        var form = request.HasFormContentType ? Pairs(body) : [];
        var headers = request.Headers.ToDictionary(
            h => h.Key.ToLowerInvariant(),
            h => h.Key.Equals(HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase) ? "<redacted>" : h.Value.ToString());

        return Results.Json(new
        {
            method = request.Method,
            path = request.Path.Value,
            query = Pairs(request.QueryString.Value),
            query_string = request.QueryString.Value ?? "",
            form,
            content_type = request.ContentType,
            body,
            headers,
        });
    }

    /// <summary>The decoded name/value pairs of a query string or form body, in their original order.</summary>
    private static string[][] Pairs(string? encoded)
    {
        var pairs = new List<string[]>();
        foreach (var pair in new QueryStringEnumerable(encoded))
            pairs.Add([pair.DecodeName().ToString(), pair.DecodeValue().ToString()]);
        return pairs.ToArray();
    }
}
