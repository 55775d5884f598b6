using System.Text.Json;

namespace Igtimi.Client.Json
{
    /// <summary>Serializes a plain value tree (dictionaries, lists, scalars) as a JSON request body.</summary>
    public static class JsonBody
    {
        private static readonly JsonSerializerOptions Options = new JsonSerializerOptions { WriteIndented = false };

        public static string Serialize(object? tree) => JsonSerializer.Serialize(tree, Options);
    }
}
