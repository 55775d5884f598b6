namespace Igtimi.Emulator.Faults;

/// <summary>Answers a request with an emulated fault when the fault injector says so.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultInjector faults)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var fault = AdminPaths.IsAdmin(context.Request.Path) ? null : faults.Next(context.Request.Path.Value ?? "/");
        if (fault is null)
        {
            await next(context);
            return;
        }

        if (fault.RetryAfter is not null)
            context.Response.Headers.RetryAfter = fault.RetryAfter;
        var body = new { error = ErrorNames.ForStatus(fault.Status), error_description = "emulated fault" };
        await Results.Json(body, statusCode: fault.Status).ExecuteAsync(context);
    }
}
