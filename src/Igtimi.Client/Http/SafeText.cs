using System;
using System.Globalization;
using System.Text;

namespace Igtimi.Client.Http
{
    /// <summary>Short, printable excerpts of untrusted text (user input, server bodies) for messages.</summary>
    public static class SafeText
    {
        /// <summary>
        /// At most <paramref name="maxLength"/> characters; control, format and line-break characters
        /// shown as \uXXXX (or \r, \n, \t), so nothing an excerpt holds can forge a line or a header.
        /// </summary>
        public static string Excerpt(string? text, int maxLength = 80)
        {
            if (text is null) return "";
            var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 16);
            var shown = 0;
            for (; shown < text.Length && builder.Length < maxLength; shown++)
            {
                var c = text[shown];
                switch (c)
                {
                    case '\r': builder.Append("\\r"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (IsUnsafe(c)) builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        else builder.Append(c);
                        break;
                }
            }
            if (shown < text.Length) builder.Append($"… ({text.Length - shown:N0} more characters)");
            return builder.ToString();
        }

        /// <summary>The first bytes of a body as text (invalid UTF-8 shown as U+FFFD), excerpted.</summary>
        public static string Excerpt(byte[]? bytes, int count, int maxLength = 200)
        {
            if (bytes is null || count <= 0) return "";
            var text = new UTF8Encoding(false, false).GetString(bytes, 0, Math.Min(count, bytes.Length));
            return Excerpt(text.TrimStart('\uFEFF'), maxLength);
        }

        /// <summary>Control, format, separator, surrogate, private-use or unassigned: not for echoing or sending as is.</summary>
        public static bool IsUnsafe(char c)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            return category == UnicodeCategory.Control || category == UnicodeCategory.Format ||
                   category == UnicodeCategory.LineSeparator || category == UnicodeCategory.ParagraphSeparator ||
                   category == UnicodeCategory.Surrogate || category == UnicodeCategory.PrivateUse || category == UnicodeCategory.OtherNotAssigned;
        }

        /// <summary>True when the text is printable ASCII only (what a header value or a token may hold).</summary>
        public static bool IsVisibleAscii(string text, bool allowSpace)
        {
            foreach (var c in text)
            {
                if (c == ' ' && allowSpace) continue;
                if (c < 0x21 || c > 0x7E) return false;
            }
            return true;
        }
    }
}
