using System.Text.Json;
using Igtimi.Emulator.Admin;
using Igtimi.Emulator.Api;
using Igtimi.Emulator.Faults;
using Igtimi.Emulator.Hosting;
using Igtimi.Emulator.Live;
using Igtimi.Emulator.Oauth;
using Igtimi.Emulator.Sap;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Igtimi.Emulator;

/// <summary>Starts emulator instances: used by the command line and, in-process, by tests.</summary>
public static class EmulatorHost
{
    /// <summary>Builds the world from <see cref="EmulatorOptions.Seed"/> and <see cref="EmulatorOptions.AnchorDate"/> and starts listening.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static async Task<RunningEmulator> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var clock = options.Clock ?? TimeProvider.System;
        var world = options.AnchorDate is { } anchor
            ? EmulatorWorld.Create(options.Seed, anchor, clock)
            : EmulatorWorld.Create(options.Seed, clock);
        var data = new FleetData(world, options.Hz);
        var faults = new FaultInjector(options.FailRate, options.FailStatus, options.RetryAfterSeconds, options.Seed, clock,
            options.ResetRate, options.SlowBodyMs, options.Flavor);
        var liveClock = new LiveClock(options.LiveStart ?? clock.GetUtcNow(), options.LiveSpeed);
        var liveFaults = new LiveFaults
        {
            DropEveryMs = options.LiveDropEveryMs,
            RefuseFirst = options.LiveRefuseFirst,
            NoHeartbeat = options.LiveNoHeartbeat,
        };
        var live = new LiveServers(liveClock, liveFaults, options);
        var sap = new SapData(world, data);
        var security = new SapSecurity(world, options, clock);
        var app = Build(options, world, data, faults, clock, live, sap, security);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var baseUri = new Uri(addresses.First().TrimEnd('/') + "/");
        return new RunningEmulator(app, baseUri, options, world, data, faults, live, sap, security);
    }

    private static WebApplication Build(EmulatorOptions options, EmulatorWorld world, FleetData data, FaultInjector faults, TimeProvider clock,
        LiveServers live, SapData sap, SapSecurity security)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.Urls);

        // stdout belongs to the command line (its first line is the base URL): log warnings to stderr only.
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(world);
        builder.Services.AddSingleton(data);
        builder.Services.AddSingleton(faults);
        builder.Services.AddSingleton(live);
        builder.Services.AddSingleton(sap);
        builder.Services.AddSingleton(security);
        builder.Services.AddSingleton<LoginSessions>();
        builder.Services.AddSingleton<FormTokens>();
        builder.Services.AddSingleton<AuthorizationCodes>();

        var app = builder.Build();
        // Order matters: the log sees the final status (faults included), latency delays faults too,
        // and method override rewrites POST + _method=GET before routing picks an endpoint.
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<LatencyMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        app.UseMiddleware<MethodOverrideMiddleware>();
        app.UseMiddleware<ApiPathMiddleware>();
        // No protocol-level pings: the live protocol's own heartbeat ("1") is what clients watch.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.UseRouting();

        // One dialect per instance: the other dialect's paths are not mapped (404), so dialect detection is unambiguous.
        if (options.Flavor == EmulatorFlavor.Sap)
        {
            SapEndpoints.Map(app);
            SapLiveEndpoints.Map(app);
        }
        else
        {
            ApiEndpoints.Map(app);
            ServerListerEndpoints.Map(app);
            OauthEndpoints.Map(app);
            LiveEndpoints.MapServers(app);
        }
        DiagnosticEndpoints.Map(app, options.Flavor);
        RaceEndpoints.Map(app);
        FaultEndpoints.Map(app);
        LiveEndpoints.MapClock(app);
        return app;
    }
}
