using System;
using System.Text.Json.Serialization;
using Igtimi.Client.Json;

namespace Igtimi.Client.Models
{
    /// <summary>A stored chunk of one device's data: a time span and the data types in it.</summary>
    public sealed class IgtimiResource : IgtimiObject
    {
        [JsonPropertyName("id"), JsonConverter(typeof(LenientInt64Converter))] public long? Id { get; set; }
        [JsonPropertyName("start_time"), JsonConverter(typeof(JsTimeConverter))] public DateTimeOffset? StartTime { get; set; }
        [JsonPropertyName("end_time"), JsonConverter(typeof(JsTimeConverter))] public DateTimeOffset? EndTime { get; set; }
        [JsonPropertyName("device_serial_number")] public string? DeviceSerialNumber { get; set; }
        [JsonPropertyName("data_types")] public int[] DataTypes { get; set; } = Array.Empty<int>();
        [JsonPropertyName("permissions")] public IgtimiPermissions? Permissions { get; set; }
        [JsonPropertyName("blob")] public bool Blob { get; set; }

        /// <summary>The names of <see cref="DataTypes"/> from the type catalogue.</summary>
        [JsonIgnore] public string[] DataTypeNames => Array.ConvertAll(DataTypes, code => IgtimiDataTypeCatalog.Get(code).Name);

        public override string ToString() => $"{DeviceSerialNumber} {StartTime:u}–{EndTime:u}";
    }
}
