namespace Igtimi.Emulator.Api;

/// <summary>The REST API under /api/v1: every endpoint requires a token; unknown paths get a JSON 404.</summary>
internal static class ApiEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup(ApiPaths.V1).AddEndpointFilter<TokenFilter>().AddEndpointFilter<ApiParameterFilter>();
        AccountEndpoints.Map(v1);
        UserEndpoints.Map(v1);
        GroupEndpoints.Map(v1);
        DeviceEndpoints.Map(v1);
        DeviceWriteEndpoints.Map(v1);
        SessionEndpoints.Map(v1);
        SessionWriteEndpoints.Map(v1);
        GroupWriteEndpoints.Map(v1);
        ResourceEndpoints.Map(v1);
        DataEndpoints.Map(v1);
        DataTypeEndpoints.Map(v1);

        // Catch-all routes rank below every literal route, so this only answers paths (or methods) nothing else serves.
        app.Map(ApiPaths.Root + "/{**rest}", (HttpContext http) =>
            ApiResults.NotFound($"No API endpoint {http.Request.Method} {http.Request.Path}"));
    }
}
