using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Igtimi.Emulator.Sap;

/// <summary>
/// JSON as SAP's server writes it with json-simple (docs/design/sap-dialect.md section 3): compact, <c>null</c> written, integers
/// plain, and strings escaped like json-simple's <c>JSONValue.escape</c>: <c>"</c> <c>\</c> <c>/</c> (as <c>\/</c>, so base64 and
/// URLs carry <c>\/</c> on the wire), \b \f \n \r \t, and U+0000–U+001F, U+007F–U+009F, U+2000–U+20FF as <c>\uXXXX</c>
/// (upper-case hex). The rest is UTF-8. Commas are placed automatically; the caller keeps the nesting right.
/// </summary>
internal sealed class SapJsonWriter
{
    /// <summary>The content type of every SAP JSON answer.</summary>
    public const string ContentType = "application/json;charset=UTF-8";

    private byte[] _buffer = new byte[4096];
    private int _length;
    private readonly List<bool> _hasElement = [];
    private bool _afterName;

    /// <summary>Bytes written and not yet flushed.</summary>
    public int BytesPending => _length;

    public void StartObject()
    {
        BeforeValue();
        Byte((byte)'{');
        _hasElement.Add(false);
    }

    public void EndObject()
    {
        _hasElement.RemoveAt(_hasElement.Count - 1);
        Byte((byte)'}');
    }

    public void StartArray()
    {
        BeforeValue();
        Byte((byte)'[');
        _hasElement.Add(false);
    }

    public void EndArray()
    {
        _hasElement.RemoveAt(_hasElement.Count - 1);
        Byte((byte)']');
    }

    public void Name(string name)
    {
        BeforeValue();
        Quoted(name);
        Byte((byte)':');
        _afterName = true;
    }

    public void String(string? value)
    {
        BeforeValue();
        if (value is null)
            Ascii("null");
        else
            Quoted(value);
    }

    public void Number(long value)
    {
        BeforeValue();
        Ascii(value.ToString(CultureInfo.InvariantCulture));
    }

    public void Bool(bool value)
    {
        BeforeValue();
        Ascii(value ? "true" : "false");
    }

    public void Null()
    {
        BeforeValue();
        Ascii("null");
    }

    /// <summary>
    /// The JSON string <see cref="Base64String"/> writes for <paramref name="bytes"/>, quotes included, as bytes of its own (what
    /// <see cref="RawValue"/> takes).
    /// </summary>
    public static byte[] Base64StringBytes(ReadOnlySpan<byte> bytes)
    {
        var one = new SapJsonWriter();
        one.Base64String(bytes);
        return one.ToArray();
    }

    /// <summary>A value written before (for example by <see cref="Base64StringBytes"/>), copied as it is.</summary>
    public void RawValue(ReadOnlySpan<byte> json)
    {
        BeforeValue();
        Ensure(json.Length);
        json.CopyTo(_buffer.AsSpan(_length));
        _length += json.Length;
    }

    /// <summary>A string holding the standard base64 (with padding, no line breaks) of the bytes, with '/' escaped as <c>\/</c>.</summary>
    public void Base64String(ReadOnlySpan<byte> bytes)
    {
        BeforeValue();
        int max = Base64.GetMaxEncodedToUtf8Length(bytes.Length);
        Ensure(2 + 2 * max);
        _buffer[_length++] = (byte)'"';
        var scratch = _buffer.AsSpan(_length + max, max);
        Base64.EncodeToUtf8(bytes, scratch, out _, out int written);
        foreach (byte b in scratch[..written])
        {
            if (b == (byte)'/')
                _buffer[_length++] = (byte)'\\';
            _buffer[_length++] = b;
        }
        _buffer[_length++] = (byte)'"';
    }

    /// <summary>Everything written so far, as one array (for small answers).</summary>
    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    /// <summary>Writes the pending bytes to <paramref name="stream"/> and empties the buffer.</summary>
    public async Task FlushAsync(Stream stream, CancellationToken ct)
    {
        if (_length == 0)
            return;
        await stream.WriteAsync(_buffer.AsMemory(0, _length), ct);
        _length = 0;
    }

    /// <summary>json-simple's escaping of one string (without the quotes).</summary>
    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (char ch in value)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '/': sb.Append("\\/"); break;
                default:
                    if (ch <= '\u001F' || (ch >= '\u007F' && ch <= '\u009F') || (ch >= '\u2000' && ch <= '\u20FF'))
                        sb.Append("\\u").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(ch);
                    break;
            }
        }
        return sb.ToString();
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }
        if (_hasElement.Count == 0)
            return;
        if (_hasElement[^1])
            Byte((byte)',');
        _hasElement[^1] = true;
    }

    private void Quoted(string value)
    {
        Byte((byte)'"');
        string escaped = Escape(value);
        int count = Encoding.UTF8.GetByteCount(escaped);
        Ensure(count);
        _length += Encoding.UTF8.GetBytes(escaped, _buffer.AsSpan(_length));
        Byte((byte)'"');
    }

    private void Ascii(string text)
    {
        Ensure(text.Length);
        foreach (char c in text)
            _buffer[_length++] = (byte)c;
    }

    private void Byte(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
            return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
    }
}
