using System.Text.Json.Serialization;

namespace Igtimi.Client.Models
{
    /// <summary>An Igtimi user account.</summary>
    public sealed class IgtimiUser : IgtimiObject
    {
        [JsonPropertyName("id"), JsonConverter(typeof(Json.LenientInt64Converter))] public long? Id { get; set; }
        [JsonPropertyName("first_name")] public string? FirstName { get; set; }
        [JsonPropertyName("surname")] public string? Surname { get; set; }
        [JsonPropertyName("email")] public string? Email { get; set; }

        [JsonIgnore] public string DisplayName => string.Join(" ", new[] { FirstName, Surname }).Trim();

        public override string ToString() => string.IsNullOrEmpty(Email) ? $"{DisplayName} ({Id})" : $"{DisplayName} <{Email}>";
    }
}
