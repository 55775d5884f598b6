using System.Text.Json.Serialization;

namespace Igtimi.Client.Models
{
    /// <summary>The caller's rights on an object: <c>{"read": bool, "modify": bool}</c>.</summary>
    public sealed class IgtimiPermissions
    {
        [JsonPropertyName("read")] public bool Read { get; set; }
        [JsonPropertyName("modify")] public bool Modify { get; set; }

        public override string ToString() => Read && Modify ? "Read, Modify" : Read ? "Read" : Modify ? "Modify" : "None";
    }

    /// <summary>The right a filter asks for.</summary>
    public enum IgtimiPermission
    {
        Read,
        Modify,
    }
}
