namespace Igtimi.Emulator.Faults;

/// <summary>Records every request except the admin endpoints, with its final status, in the fault injector's log.</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, FaultInjector faults)
{
    /// <summary>Set on a request logged when it started (an accepted live connection, an endless hostile body), so it is not logged again at the end.</summary>
    public static readonly object LoggedKey = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (AdminPaths.IsAdmin(context.Request.Path))
        {
            await next(context);
            return;
        }

        // Read before the pipeline runs: method override may rewrite the method later.
        string method = context.Request.Method;
        string path = context.Request.Path.Value ?? "/";
        int status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            // Accepted live WebSocket connections (101) and endless bodies are logged when they start, not when they end.
            if (!context.Items.ContainsKey(LoggedKey))
                faults.Record(method, path, status);
        }
    }
}
