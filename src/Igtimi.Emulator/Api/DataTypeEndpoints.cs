namespace Igtimi.Emulator.Api;

/// <summary>
/// <c>GET data_types</c>: the type catalogue, codes 1–16. No capture of igtimi.com's answer exists, so the shape
/// <c>{"data_types":[{"data_type":{"id","name","components":[{"index","name","unit"}]}}]}</c> is the emulator's choice.
/// </summary>
internal static class DataTypeEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/data_types", (EmulatorWorld world) =>
            Results.Json(new { data_types = world.DataTypes.Select(t => new { data_type = t }) }));
}
