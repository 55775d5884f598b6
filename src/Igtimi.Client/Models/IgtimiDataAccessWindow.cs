using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Igtimi.Client.Json;

namespace Igtimi.Client.Models
{
    /// <summary>A grant: a recipient may read and/or modify one device's data for a time range.</summary>
    public sealed class IgtimiDataAccessWindow : IgtimiObject
    {
        [JsonPropertyName("id"), JsonConverter(typeof(LenientInt64Converter))] public long? Id { get; set; }
        [JsonPropertyName("start_time"), JsonConverter(typeof(JsTimeConverter))] public DateTimeOffset? StartTime { get; set; }
        [JsonPropertyName("end_time"), JsonConverter(typeof(JsTimeConverter))] public DateTimeOffset? EndTime { get; set; }
        [JsonPropertyName("device_serial_number")] public string? DeviceSerialNumber { get; set; }
        [JsonPropertyName("permissions")] public IgtimiPermissions? Permissions { get; set; }
        [JsonPropertyName("recipient")] public IgtimiRecipient? Recipient { get; set; }

        public override string ToString() => $"{DeviceSerialNumber} → {Recipient} {StartTime:u}–{EndTime:u}";
    }

    /// <summary>Who a data access window is granted to: a user or a group.</summary>
    [JsonConverter(typeof(IgtimiRecipientConverter))]
    public sealed class IgtimiRecipient
    {
        public IgtimiUser? User { get; set; }
        public IgtimiGroup? Group { get; set; }

        /// <summary>Recipient members of other kinds, kept as sent.</summary>
        public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        /// <summary>"User" or "Group" (or "Unknown" for a recipient of another kind).</summary>
        public string Kind => User != null ? "User" : Group != null ? "Group" : "Unknown";

        public long? Id => User?.Id ?? Group?.Id;

        public string? Name => User != null ? User.DisplayName : Group?.Name;

        /// <summary>The recipient object itself, typed.</summary>
        public object? Value => (object?)User ?? Group;

        public override string ToString() => $"{Kind} {Name} ({Id})";
    }

    internal sealed class IgtimiRecipientConverter : JsonConverter<IgtimiRecipient>
    {
        public override IgtimiRecipient? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            using var document = JsonDocument.ParseValue(ref reader);
            var recipient = new IgtimiRecipient();
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("A recipient must be an object.");
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Name == "user") recipient.User = member.Value.Deserialize<IgtimiUser>(options);
                else if (member.Name == "group") recipient.Group = member.Value.Deserialize<IgtimiGroup>(options);
                else (recipient.AdditionalProperties ??= new Dictionary<string, JsonElement>())[member.Name] = member.Value.Clone();
            }
            return recipient;
        }

        public override void Write(Utf8JsonWriter writer, IgtimiRecipient value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            if (value.User != null) { writer.WritePropertyName("user"); JsonSerializer.Serialize(writer, value.User, options); }
            if (value.Group != null) { writer.WritePropertyName("group"); JsonSerializer.Serialize(writer, value.Group, options); }
            if (value.AdditionalProperties != null)
                foreach (var member in value.AdditionalProperties) { writer.WritePropertyName(member.Key); member.Value.WriteTo(writer); }
            writer.WriteEndObject();
        }
    }
}
