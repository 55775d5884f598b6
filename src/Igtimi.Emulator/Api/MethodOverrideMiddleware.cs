using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;

namespace Igtimi.Emulator.Api;

/// <summary>
/// igtimi.com's long-query convention: a POST to an /api path carrying <c>_method=GET</c> (form body,
/// query string, or <c>X-HTTP-Method-Override</c> header) is handled exactly like a GET whose query
/// holds the original query plus all form fields. Runs before routing, so every GET endpoint gets it.
/// </summary>
internal sealed class MethodOverrideMiddleware(RequestDelegate next)
{
    private const string OverrideField = "_method";
    private const string OverrideHeader = "X-HTTP-Method-Override";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && ApiPaths.IsApi(request.Path))
        {
            IFormCollection form = request.HasFormContentType
                ? await request.ReadFormAsync(context.RequestAborted)
                : FormCollection.Empty;
            if (IsGet(request.Headers[OverrideHeader]) || IsGet(request.Query[OverrideField]) || IsGet(form[OverrideField]))
            {
                var query = new QueryBuilder();
                foreach (var (name, values) in request.Query.Concat(form))
                {
                    if (name != OverrideField)
                        query.Add(name, values.Select(v => v ?? string.Empty));
                }
                request.Method = HttpMethods.Get;
                request.QueryString = query.ToQueryString();
            }
        }

        await next(context);
    }

    private static bool IsGet(StringValues value) =>
        value.Count == 1 && string.Equals(value[0], HttpMethods.Get, StringComparison.OrdinalIgnoreCase);
}
