using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Igtimi.Client.Models
{
    /// <summary>Base of the API's objects: keeps every member the module does not know yet.</summary>
    public abstract class IgtimiObject
    {
        /// <summary>Members the server sent that this type does not map, kept as sent.</summary>
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
    }
}
