using System;
using System.Text.Json.Serialization;
using Igtimi.Client.Json;

namespace Igtimi.Client.Models
{
    /// <summary>A session: a race or training, with the groups that may see and administer it.</summary>
    public sealed class IgtimiSession : IgtimiObject
    {
        [JsonPropertyName("id"), JsonConverter(typeof(LenientInt64Converter))] public long? Id { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("start_time"), JsonConverter(typeof(JsTimeConverter))] public DateTimeOffset? StartTime { get; set; }
        [JsonPropertyName("end_time"), JsonConverter(typeof(JsTimeConverter))] public DateTimeOffset? EndTime { get; set; }
        [JsonPropertyName("owner_id"), JsonConverter(typeof(LenientInt64Converter))] public long? OwnerId { get; set; }
        [JsonPropertyName("session_group_id"), JsonConverter(typeof(LenientInt64Converter))] public long? SessionGroupId { get; set; }
        [JsonPropertyName("admin_session_group_id"), JsonConverter(typeof(LenientInt64Converter))] public long? AdminSessionGroupId { get; set; }
        [JsonPropertyName("parent_session_id"), JsonConverter(typeof(LenientInt64Converter))] public long? ParentSessionId { get; set; }
        [JsonPropertyName("ou")] public string? Ou { get; set; }
        [JsonPropertyName("permissions")] public IgtimiPermissions? Permissions { get; set; }
        [JsonPropertyName("blob")] public bool Blob { get; set; }

        /// <summary>True while the session has no end time yet.</summary>
        [JsonIgnore] public bool IsIncomplete => EndTime is null;

        [JsonIgnore] public TimeSpan? Duration => StartTime.HasValue && EndTime.HasValue ? EndTime - StartTime : null;

        public override string ToString() => $"{Name} ({Id})";
    }
}
