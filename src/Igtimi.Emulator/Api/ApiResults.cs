namespace Igtimi.Emulator.Api;

/// <summary>Igtimi-style JSON error bodies: <c>{"error":"...","error_description":"..."}</c>.</summary>
internal static class ApiResults
{
    public static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);

    public static IResult NotFound(string description) =>
        Error(StatusCodes.Status404NotFound, "not_found", description);

    public static IResult Forbidden(string description) =>
        Error(StatusCodes.Status403Forbidden, "forbidden", description);
}
