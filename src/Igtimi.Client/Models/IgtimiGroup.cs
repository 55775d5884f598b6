using System.Text.Json.Serialization;
using Igtimi.Client.Json;

namespace Igtimi.Client.Models
{
    /// <summary>A group of users (and devices) that rights are granted to.</summary>
    public sealed class IgtimiGroup : IgtimiObject
    {
        [JsonPropertyName("id"), JsonConverter(typeof(LenientInt64Converter))] public long? Id { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("permissions")] public IgtimiPermissions? Permissions { get; set; }
        [JsonPropertyName("hidden")] public bool Hidden { get; set; }
        [JsonPropertyName("blob")] public bool Blob { get; set; }

        public override string ToString() => $"{Name} ({Id})";
    }
}
