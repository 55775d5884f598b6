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

        /// <summary>The sign-in name where the server has one (SAP's server knows its users by name only).</summary>
        [JsonPropertyName("username")] public string? UserName { get; set; }

        /// <summary>What names the user best: the user name, else the e-mail address, else the id.</summary>
        [JsonIgnore] public string Name => !string.IsNullOrEmpty(UserName) ? UserName! : !string.IsNullOrEmpty(Email) ? Email! :
            Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

        [JsonIgnore] public string DisplayName => string.Join(" ", new[] { FirstName, Surname }).Trim();

        public override string ToString() =>
            !string.IsNullOrEmpty(Email) ? $"{DisplayName} <{Email}>".Trim() : !string.IsNullOrEmpty(UserName) ? UserName! : $"{DisplayName} ({Id})";
    }
}
