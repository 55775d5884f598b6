using System.Text.RegularExpressions;

namespace Igtimi.Emulator.Api;

/// <summary>
/// Collapses repeated slashes in /api paths before routing, so <c>/api/v1//resources</c> is served like
/// <c>/api/v1/resources</c>, as igtimi.com did.
/// </summary>
internal sealed partial class ApiPathMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        string? path = context.Request.Path.Value;
        if (path is not null && path.Contains("//", StringComparison.Ordinal) && ApiPaths.IsApi(context.Request.Path))
            context.Request.Path = new PathString(RepeatedSlashes().Replace(path, "/"));
        return next(context);
    }

    [GeneratedRegex("/{2,}")]
    private static partial Regex RepeatedSlashes();
}
