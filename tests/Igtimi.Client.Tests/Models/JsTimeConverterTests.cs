using System.Text.Json;
using System.Text.Json.Serialization;
using Igtimi.Client.Json;
using Xunit;

namespace Igtimi.Client.Tests.Models;

public class JsTimeConverterTests
{
    private sealed class Holder
    {
        [JsonPropertyName("t"), JsonConverter(typeof(JsTimeConverter))]
        public DateTimeOffset? T { get; set; }
    }

    private static readonly DateTimeOffset Expected = new(2015, 10, 3, 0, 30, 4, TimeSpan.Zero);

    private static DateTimeOffset? Read(string valueJson) =>
        JsonSerializer.Deserialize<Holder>("{\"t\":" + valueJson + "}", ApiJson.Options)!.T;

    [Theory]
    [InlineData("1443832204000")]                      // integer ms
    [InlineData("1443832204000.0")]                    // float ms, as igtimi.com sent them
    [InlineData("1.443832204E12")]                     // exponent form
    [InlineData("\"1443832204000\"")]                  // numeric string
    [InlineData("\"1443832204000.0\"")]
    [InlineData("\"2015-10-03T00:30:04Z\"")]           // ISO-8601 UTC
    [InlineData("\"2015-10-03T00:30:04.000+00:00\"")]
    [InlineData("\"2015-10-03T13:30:04+13:00\"")]      // NZDT offset, same instant
    [InlineData("\"2015-10-03T00:30:04\"")]            // no zone: taken as UTC
    public void Reads_the_same_instant_in_utc(string valueJson)
    {
        var time = Read(valueJson);
        Assert.Equal(Expected, time);
        Assert.Equal(TimeSpan.Zero, time!.Value.Offset);
    }

    [Fact]
    public void Keeps_milliseconds()
    {
        Assert.Equal(new DateTimeOffset(2012, 6, 28, 4, 54, 35, 430, TimeSpan.Zero), Read("1340859275430.0"));
        Assert.Equal(new DateTimeOffset(2020, 2, 21, 8, 53, 48, 957, TimeSpan.Zero), Read("\"2020-02-21T08:53:48.957Z\""));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    public void Null_and_blank_are_null(string valueJson)
    {
        Assert.Null(Read(valueJson));
    }

    [Fact]
    public void Missing_member_is_null()
    {
        Assert.Null(JsonSerializer.Deserialize<Holder>("{}", ApiJson.Options)!.T);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("true")]
    [InlineData("[1443832204000]")]
    public void Rejects_what_is_not_a_time(string valueJson)
    {
        Assert.Throws<JsonException>(() => Read(valueJson));
    }

    [Fact]
    public void Writes_integer_milliseconds_or_null()
    {
        Assert.Equal("{\"t\":1443832204000}", JsonSerializer.Serialize(new Holder { T = Expected }, ApiJson.Options));
        Assert.Equal("{\"t\":1443832204000}", JsonSerializer.Serialize(new Holder { T = Expected.ToOffset(TimeSpan.FromHours(13)) }, ApiJson.Options));
        Assert.Equal("{\"t\":null}", JsonSerializer.Serialize(new Holder { T = null }, ApiJson.Options));
    }
}
