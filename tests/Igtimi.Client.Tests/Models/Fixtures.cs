using System.Net;
using System.Text;
using Igtimi.Client.Http;

namespace Igtimi.Client.Tests.Models;

/// <summary>
/// The repository's fixture folder, tests/fixtures under the repository root (real public payloads, kept
/// byte for byte; tests/fixtures/README.md names their sources). The root is the first folder above the
/// test assembly that holds IgtimiPS.sln.
/// </summary>
internal static class Fixtures
{
    private static readonly Lazy<string> FolderPath = new(Locate);

    public static string Folder => FolderPath.Value;

    public static string PathOf(string name)
    {
        var path = Path.Combine(Folder, name);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The fixture '{name}' is missing from the fixture folder {Folder} (tests/fixtures in the repository).", path);
        return path;
    }

    public static string Read(string name) => File.ReadAllText(PathOf(name), Encoding.UTF8);

    /// <summary>The non-empty lines of a .jsonl fixture.</summary>
    public static string[] Lines(string name) =>
        File.ReadAllLines(PathOf(name), Encoding.UTF8).Where(line => !string.IsNullOrWhiteSpace(line)).ToArray();

    /// <summary>A response as the HTTP layer hands it to ApiJson (the constructor is internal).</summary>
    public static IgtimiResponse Response(string json, string uri = "https://www.igtimi.com/api/v1/test") =>
        new IgtimiResponse(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, "GET", uri);

    private static string Locate()
    {
        var start = AppContext.BaseDirectory;
        var dir = new DirectoryInfo(start);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "IgtimiPS.sln"))) dir = dir.Parent;
        if (dir is null)
            throw new InvalidOperationException(
                $"Cannot find the fixtures: no folder above the test assembly ({start}) contains IgtimiPS.sln, " +
                "so the repository root (and its tests/fixtures folder) is unknown.");
        var fixtures = Path.Combine(dir.FullName, "tests", "fixtures");
        if (!Directory.Exists(fixtures))
            throw new DirectoryNotFoundException(
                $"The fixture folder is missing: expected {fixtures} (tests/fixtures under the repository root {dir.FullName}). " +
                "It is part of the repository; restore it from version control.");
        return fixtures;
    }
}
