using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Igtimi.Client.Dialects.Sap;
using Xunit;

namespace Igtimi.Client.Tests.Sap;

/// <summary>
/// The fast base64 decoder of SAP's JSON strings: whatever it decodes must be exactly what unescaping
/// the JSON string and the framework's decoder give; whatever it does not take, it must say so.
/// </summary>
public class SapBase64Tests
{
    /// <summary>The framework's verdict on the raw bytes of a JSON string: the decoded bytes, or null.</summary>
    private static byte[]? Framework(byte[] rawJsonString)
    {
        var json = new byte[rawJsonString.Length + 2];
        json[0] = json[^1] = (byte)'"';
        rawJsonString.CopyTo(json, 1);
        var reader = new Utf8JsonReader(json);
        try
        {
            reader.Read();
        }
        catch (JsonException)
        {
            return null;
        }
        var text = new byte[rawJsonString.Length];
        var length = reader.CopyString(text);
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(length)];
        return Base64.DecodeFromUtf8(text.AsSpan(0, length), bytes, out _, out var written) == OperationStatus.Done ? bytes[..written] : null;
    }

    private static byte[]? Fast(byte[] rawJsonString)
    {
        var output = new byte[SapBase64.MaxDecodedLength(rawJsonString.Length)];
        var written = SapBase64.Decode(rawJsonString, output);
        return written < 0 ? null : output[..written];
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("QQ==", "41")]
    [InlineData("QUI=", "41-42")]
    [InlineData("QUJD", "41-42-43")]
    [InlineData("\\/w==", "FF")]
    [InlineData("+\\/+\\/", "FB-FF-BF")]
    [InlineData("Ek8KTQoSMhAIqNXqn\\/cyEQ==", "12-4F-0A-4D-0A-12-32-10-08-A8-D5-EA-9F-F7-32-11")]
    public void Decodes_base64_with_escaped_slashes(string raw, string hex)
    {
        var decoded = Fast(Encoding.ASCII.GetBytes(raw));
        Assert.NotNull(decoded);
        Assert.Equal(hex, BitConverter.ToString(decoded!));
    }

    [Theory]
    [InlineData("Q")]
    [InlineData("QQ")]
    [InlineData("QQ=")]
    [InlineData("QQ=A")]
    [InlineData("QR==")]
    [InlineData("QUJ=")]
    [InlineData("Q===")]
    [InlineData("QUJD=")]
    [InlineData("QUJDQQ==QUJD")]
    [InlineData("QU JD")]
    [InlineData("QUJ-")]
    [InlineData("\\u0041QQ=")]
    [InlineData("QQ\\u003d=")]
    [InlineData("QUJ\\")]
    [InlineData("\\n")]
    public void Leaves_to_the_long_way_what_it_does_not_take(string raw)
    {
        Assert.Null(Fast(Encoding.ASCII.GetBytes(raw)));
    }

    [Fact]
    public void Agrees_with_the_framework_on_every_string_it_decodes()
    {
        var random = new Random(20261202);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var decodedByBoth = 0;
        for (var n = 0; n < 20000; n++)
        {
            // Mostly real base64 of random bytes (with SAP's "\/"), some of it damaged the ways a hostile server could.
            var bytes = new byte[random.Next(0, 90)];
            random.NextBytes(bytes);
            var text = new StringBuilder(Convert.ToBase64String(bytes));
            var damage = random.Next(6);
            if (damage == 1 && text.Length > 0) text[random.Next(text.Length)] = "=- \\\u00e9"[random.Next(5)];
            if (damage == 2 && text.Length > 0) text.Remove(random.Next(text.Length), 1);
            if (damage == 3) text.Insert(random.Next(text.Length + 1), alphabet[random.Next(alphabet.Length)]);
            if (damage == 4 && text.Length > 0) text.Insert(random.Next(text.Length), "\\u00" + ((int)alphabet[random.Next(alphabet.Length)]).ToString("x2"));
            var raw = Encoding.UTF8.GetBytes(text.ToString().Replace("/", "\\/"));

            var fast = Fast(raw);
            var framework = Framework(raw);
            if (fast is null)
            {
                // What it leaves, the framework refuses too, unless the string holds an escape other than "\/".
                if (framework != null) Assert.Contains("\\u", Encoding.UTF8.GetString(raw));
                continue;
            }
            Assert.True(framework != null, $"decoded here, refused by the framework: {Encoding.UTF8.GetString(raw)}");
            Assert.Equal(framework, fast);
            decodedByBoth++;
            if (damage == 0) Assert.Equal(bytes, fast);
        }
        Assert.True(decodedByBoth > 6000, $"only {decodedByBoth} strings were decoded");
    }

    [Fact]
    public void Every_undamaged_string_is_decoded_here()
    {
        var random = new Random(7);
        for (var n = 0; n < 5000; n++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            var raw = Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes).Replace("/", "\\/"));
            Assert.Equal(bytes, Fast(raw));
        }
    }
}
