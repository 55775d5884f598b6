using System.Text.Json;
using Igtimi.Emulator.Api;

namespace Igtimi.Emulator.Faults;

/// <summary>
/// Admin endpoints for tests that run the emulator as a process (no token needed):
/// <c>POST|DELETE /_emulator/faults</c> scripts or clears faults (<c>"kind":"hostile"</c> for a hostile server's answers,
/// <c>"kind":"live"</c> sets the live servers' faults), <c>GET|DELETE /_emulator/requests</c>
/// reads or clears the request log.
/// </summary>
internal static class FaultEndpoints
{
    private const int MaxCount = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(AdminPaths.Faults, EnqueueAsync);
        app.MapDelete(AdminPaths.Faults, (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.Json(new { pending = faults.PendingCount });
        });

        app.MapGet(AdminPaths.Requests, (FaultInjector faults) => Results.Json(new
        {
            request_count = faults.RequestCount,
            fault_count = faults.FaultCount,
            requests = faults.RecentRequests,
        }));
        app.MapDelete(AdminPaths.Requests, (FaultInjector faults) =>
        {
            faults.ClearRequestLog();
            return Results.NoContent();
        });
    }

    private static async Task<IResult> EnqueueAsync(HttpContext http, FaultInjector faults, LiveServers live)
    {
        if (!http.Request.HasJsonContentType())
            return BadRequest("The body must be JSON (Content-Type: application/json).");
        FaultRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<FaultRequest>(http.RequestAborted);
        }
        catch (JsonException ex)
        {
            return BadRequest($"The body is not valid fault JSON: {ex.Message}");
        }

        if (request is null)
            return BadRequest("The body must be a fault object.");
        if (request.Count is < 1 or > MaxCount)
            return BadRequest($"\"count\" must be between 1 and {MaxCount}.");
        if (request.PathPrefix is { } prefix && !prefix.StartsWith('/'))
            return BadRequest("\"path_prefix\" must start with '/'.");

        switch (request.Kind?.ToLowerInvariant())
        {
            case "live":
                // Sets the live servers' faults (only the fields given); count and path_prefix do not apply.
                if (request.DropEveryMs is < 0 or > 86_400_000)
                    return BadRequest("\"drop_every_ms\" must be between 0 (off) and 86400000.");
                if (request.CloseEveryMs is < 0 or > 86_400_000)
                    return BadRequest("\"close_every_ms\" must be between 0 (off) and 86400000.");
                if (request.CloseStatus is int badStatus && !LiveFaults.IsSendableStatus(badStatus))
                    return BadRequest("\"close_status\" must be 1000 to 1003, 1007 to 1014, or 3000 to 4999.");
                if (request.DropEveryMs is int dropEveryMs)
                    live.Faults.DropEveryMs = dropEveryMs;
                if (request.CloseEveryMs is int closeEveryMs)
                    live.Faults.CloseEveryMs = closeEveryMs;
                if (request.CloseStatus is int closeStatus)
                    live.Faults.CloseStatus = closeStatus;
                if (request.RefuseFirst is bool refuseFirst)
                    live.Faults.RefuseFirst = refuseFirst;
                if (request.NoHeartbeat is bool noHeartbeat)
                    live.Faults.NoHeartbeat = noHeartbeat;
                return Results.Json(new
                {
                    pending = faults.PendingCount,
                    live = new
                    {
                        drop_every_ms = live.Faults.DropEveryMs, close_every_ms = live.Faults.CloseEveryMs, close_status = live.Faults.CloseStatus,
                        refuse_first = live.Faults.RefuseFirst, no_heartbeat = live.Faults.NoHeartbeat,
                    },
                });
            case "reset":
                if (request.AfterBytes is < 0)
                    return BadRequest("\"after_bytes\" must not be negative.");
                for (int i = 0; i < request.Count; i++)
                    faults.EnqueueReset(request.AfterBytes ?? 0, request.PathPrefix);
                break;
            case "slow":
                if (request.DelayMs is not int delay || delay is < 0 or > 600_000)
                    return BadRequest("\"delay_ms\" is required and must be between 0 and 600000.");
                if (request.ChunkBytes is < 1)
                    return BadRequest("\"chunk_bytes\" must be at least 1.");
                for (int i = 0; i < request.Count; i++)
                    faults.EnqueueSlow(delay, request.PathPrefix, request.ChunkBytes ?? FaultInjector.DefaultSlowChunkBytes);
                break;
            case "hostile":
                if (HostileFault(request, out var mode, out var options) is { } reason)
                    return BadRequest(reason);
                for (int i = 0; i < request.Count; i++)
                    faults.EnqueueHostile(mode, request.PathPrefix, options);
                break;
            case null or "status":
                if (request.Status is not int status)
                    return BadRequest("\"status\" is required.");
                if (status is < 400 or > 599)
                    return BadRequest("\"status\" must be between 400 and 599.");
                if (request.RetryAfter is < 0)
                    return BadRequest("\"retry_after\" must not be negative.");
                for (int i = 0; i < request.Count; i++)
                    faults.Enqueue(status, request.RetryAfter, request.PathPrefix, request.RetryAfterDate);
                break;
            default:
                return BadRequest("\"kind\" must be status, reset, slow, hostile or live.");
        }
        return Results.Json(new { pending = faults.PendingCount });
    }

    /// <summary>The mode and options of a <c>hostile</c> fault, or why they are wrong.</summary>
    private static string? HostileFault(FaultRequest request, out HostileMode mode, out HostileOptions options)
    {
        options = new HostileOptions();
        mode = default;
        if (request.Mode is null)
            return $"\"mode\" is required: one of {HostileResponses.ModeList}.";
        if (!HostileResponses.TryParse(request.Mode, out mode))
            return $"\"mode\" must be one of {HostileResponses.ModeList}.";
        byte[]? bodyBytes = null;
        if (request.BodyBase64 is { } base64)
        {
            try
            {
                bodyBytes = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                return "\"body_base64\" is not valid base64.";
            }
        }
        options = new HostileOptions
        {
            Status = request.Status,
            ContentType = request.ContentType,
            Body = request.Body,
            BodyBytes = bodyBytes,
            IntervalMs = request.IntervalMs ?? options.IntervalMs,
            HeaderBytes = request.HeaderBytes ?? options.HeaderBytes,
            InflatedBytes = request.InflatedBytes ?? options.InflatedBytes,
            Location = request.Location,
            ContentEncoding = request.ContentEncoding,
        };
        return HostileResponses.Validate(mode, options);
    }

    private static IResult BadRequest(string description) =>
        ApiResults.Error(StatusCodes.Status400BadRequest, "bad_request", description);

    /// <summary>Body of <c>POST /_emulator/faults</c>, snake_case like the rest of the emulator.</summary>
    private sealed record FaultRequest(int? Status, int Count = 1, int? RetryAfter = null, string? PathPrefix = null, bool RetryAfterDate = false,
        string? Kind = null, int? AfterBytes = null, int? DelayMs = null, int? ChunkBytes = null,
        int? DropEveryMs = null, int? CloseEveryMs = null, int? CloseStatus = null, bool? RefuseFirst = null, bool? NoHeartbeat = null,
        string? Mode = null, string? ContentType = null, string? Body = null, string? BodyBase64 = null, int? IntervalMs = null,
        int? HeaderBytes = null, long? InflatedBytes = null, string? Location = null, string? ContentEncoding = null);
}
