using System.Text.Json.Serialization;
using Igtimi.Client.Json;

namespace Igtimi.Client.Models
{
    /// <summary>A YachtBot, WindBot or other Igtimi device.</summary>
    public sealed class IgtimiDevice : IgtimiObject
    {
        [JsonPropertyName("id"), JsonConverter(typeof(LenientInt64Converter))] public long? Id { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("serial_number")] public string? SerialNumber { get; set; }
        [JsonPropertyName("service_tag")] public string? ServiceTag { get; set; }
        [JsonPropertyName("uid")] public string? Uid { get; set; }
        [JsonPropertyName("imei")] public string? Imei { get; set; }
        [JsonPropertyName("owner_id"), JsonConverter(typeof(LenientInt64Converter))] public long? OwnerId { get; set; }
        [JsonPropertyName("device_user_group_id"), JsonConverter(typeof(LenientInt64Converter))] public long? DeviceUserGroupId { get; set; }
        [JsonPropertyName("admin_device_user_group_id"), JsonConverter(typeof(LenientInt64Converter))] public long? AdminDeviceUserGroupId { get; set; }
        [JsonPropertyName("permissions")] public IgtimiPermissions? Permissions { get; set; }
        [JsonPropertyName("blob")] public bool Blob { get; set; }
        [JsonPropertyName("device_info")] public bool DeviceInfo { get; set; }

        public override string ToString() => string.IsNullOrEmpty(Name) ? SerialNumber ?? "" : $"{Name} ({SerialNumber})";
    }
}
