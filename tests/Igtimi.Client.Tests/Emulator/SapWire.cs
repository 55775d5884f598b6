using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Igtimi.Emulator;

namespace Igtimi.Client.Tests.Emulator;

/// <summary>One decoded <c>DataPoint</c>: its case, timestamp, source id, and the raw varint and fixed64 fields of its case message.</summary>
internal sealed record WirePoint(int Case, long Timestamp, uint SourceId, Dictionary<int, ulong> Varints, Dictionary<int, double> Doubles)
{
    public double Double(int field) => Doubles.GetValueOrDefault(field);

    public ulong Varint(int field) => Varints.GetValueOrDefault(field);

    /// <summary>The values in the igtimi flavor's component order (position: longitude, latitude), for comparing with FleetData.</summary>
    public double[] IgtimiValues() => Case switch
    {
        SapCases.Position => [Double(3), Double(2)],
        SapCases.Quality or SapCases.SatCount => [(int)(long)Varint(2)],
        SapCases.HeartRate => [Varint(2), Varint(3), Varint(4)],
        _ => [Double(2)],
    };

    /// <summary>A comparable key: case, time and values.</summary>
    public string Key =>
        Case + "@" + Timestamp + "=" + string.Join(",", IgtimiValues().Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
}

internal sealed record WireDataMsg(List<WirePoint> Points, string? Serial, int TypeOfService, uint StreamId);

/// <summary>
/// A tiny protobuf reader for <c>com.igtimi.Msg</c> (varints, length-delimited, fixed64, fixed32), written for the tests so that they
/// check the emulator's hand-written encoder against an independent decoder. Unknown fields are skipped.
/// </summary>
internal static class WireReader
{
    public static List<WireDataMsg> DecodeMsg(byte[] bytes)
    {
        var result = new List<WireDataMsg>();
        foreach (var (field, _, _, data) in Fields(bytes))
        {
            if (field != 2)
                continue;
            foreach (var (f, _, _, dataMsg) in Fields(data!))
            {
                if (f == 1)
                    result.Add(DecodeDataMsg(dataMsg!));
            }
        }
        return result;
    }

    private static WireDataMsg DecodeDataMsg(byte[] bytes)
    {
        var points = new List<WirePoint>();
        string? serial = null;
        int tos = 0;
        uint stream = 0;
        foreach (var (field, _, varint, data) in Fields(bytes))
        {
            switch (field)
            {
                case 1: points.Add(DecodePoint(data!)); break;
                case 2: serial = Encoding.UTF8.GetString(data!); break;
                case 4: tos = (int)varint; break;
                case 5: stream = (uint)varint; break;
            }
        }
        return new WireDataMsg(points, serial, tos, stream);
    }

    private static WirePoint DecodePoint(byte[] bytes)
    {
        int pointCase = 0;
        uint source = 0;
        byte[]? body = null;
        foreach (var (field, wire, varint, data) in Fields(bytes))
        {
            if (field == 1001 && wire == 0)
                source = (uint)varint;
            else if (wire == 2)
            {
                pointCase = field;
                body = data;
            }
        }
        var varints = new Dictionary<int, ulong>();
        var doubles = new Dictionary<int, double>();
        long timestamp = 0;
        foreach (var (field, wire, varint, data) in Fields(body ?? []))
        {
            if (field == 1 && wire == 0)
                timestamp = (long)varint;
            else if (wire == 0)
                varints[field] = varint;
            else if (wire == 1)
                doubles[field] = BinaryPrimitives.ReadDoubleLittleEndian(data!);
        }
        return new WirePoint(pointCase, timestamp, source, varints, doubles);
    }

    /// <summary>The fields of a message: number, wire type, the varint value (wire 0) or the bytes (wire 1, 2, 5).</summary>
    public static IEnumerable<(int Field, int Wire, ulong Varint, byte[]? Data)> Fields(byte[] bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            ulong tag = ReadVarint(bytes, ref i);
            int field = (int)(tag >> 3), wire = (int)(tag & 7);
            switch (wire)
            {
                case 0:
                    yield return (field, wire, ReadVarint(bytes, ref i), null);
                    break;
                case 1:
                    yield return (field, wire, 0, bytes[i..(i + 8)]);
                    i += 8;
                    break;
                case 2:
                    int length = (int)ReadVarint(bytes, ref i);
                    yield return (field, wire, 0, bytes[i..(i + length)]);
                    i += length;
                    break;
                case 5:
                    yield return (field, wire, 0, bytes[i..(i + 4)]);
                    i += 4;
                    break;
                default:
                    throw new FormatException($"wire type {wire} at {i}");
            }
        }
    }

    public static ulong ReadVarint(byte[] bytes, ref int i)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
    }
}

/// <summary>HTTP helpers for the SAP flavor: credentials, URLs and the <c>{"SERIAL":["base64",…]}</c> answers.</summary>
internal static class SapHttp
{
    public static readonly int[] AllCases = [1, 2, 3, 6, 8, 9, 11, 12, 13, 50];

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    public static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, AuthenticationHeaderValue? auth = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = auth;
        return await http.SendAsync(request);
    }

    public static async Task<string> TextAsync(HttpClient http, string path, AuthenticationHeaderValue? auth = null)
    {
        using var response = await GetAsync(http, path, auth);
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    public static string DataPath(IEnumerable<string> serials, long? start, long? end, IEnumerable<int>? cases) =>
        "igtimi/api/v1/resources/data?"
        + string.Join("&", serials.Select(s => "serial_numbers[]=" + Uri.EscapeDataString(s)))
        + (start is null ? "" : "&start_time=" + start) + (end is null ? "" : "&end_time=" + end)
        + string.Concat((cases ?? []).Select(c => $"&types[{c}]=0"));

    /// <summary>The answer's keys, each with its messages' bytes, in wire order.</summary>
    public static List<(string Serial, List<byte[]> Messages)> ParseData(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject()
            .Select(p => (p.Name, p.Value.EnumerateArray().Select(v => Convert.FromBase64String(v.GetString()!)).ToList()))
            .ToList();
    }
}
