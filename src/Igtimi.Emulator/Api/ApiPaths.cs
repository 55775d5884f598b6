namespace Igtimi.Emulator.Api;

internal static class ApiPaths
{
    public const string Root = "/api";
    public const string V1 = "/api/v1";

    public static bool IsApi(PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);
}
