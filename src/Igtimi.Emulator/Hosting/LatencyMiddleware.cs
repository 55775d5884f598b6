using Igtimi.Emulator.Faults;

namespace Igtimi.Emulator.Hosting;

/// <summary>Delays every request except the admin endpoints by the configured latency.</summary>
internal sealed class LatencyMiddleware(RequestDelegate next, EmulatorOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (options.LatencyMs > 0 && !AdminPaths.IsAdmin(context.Request.Path))
            await Task.Delay(options.LatencyMs, context.RequestAborted);
        await next(context);
    }
}
