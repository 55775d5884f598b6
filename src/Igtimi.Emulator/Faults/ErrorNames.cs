namespace Igtimi.Emulator.Faults;

/// <summary>The snake_case <c>error</c> value used in emulated error bodies for a status code.</summary>
internal static class ErrorNames
{
    public static string ForStatus(int status) => status switch
    {
        400 => "bad_request",
        401 => "invalid_token",
        403 => "forbidden",
        404 => "not_found",
        409 => "conflict",
        422 => "unprocessable_entity",
        429 => "rate_limited",
        500 => "internal_server_error",
        502 => "bad_gateway",
        503 => "service_unavailable",
        504 => "gateway_timeout",
        _ => "emulated_error",
    };
}
