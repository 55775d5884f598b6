using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Igtimi.Client.Auth
{
    /// <summary>
    /// Opens a URL in the user's browser. Honours the BROWSER variable (commands separated by the path
    /// separator, "%s" replaced by the URL or the URL appended), as many Unix tools do.
    /// </summary>
    public static class BrowserLauncher
    {
        public static bool TryOpen(Uri url)
        {
            var browser = Environment.GetEnvironmentVariable("BROWSER");
            if (!string.IsNullOrWhiteSpace(browser))
            {
                foreach (var command in browser!.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
                    if (TryStart(command, url)) return true;
                return false;
            }
            try
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                    return Process.Start(new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true }) != null;
                if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
                    return Start("open", new[] { url.AbsoluteUri });
                var hasDisplay = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) ||
                                 !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
                return hasDisplay && Start("xdg-open", new[] { url.AbsoluteUri });
            }
            catch (Win32Exception)
            {
                return false;
            }
        }

        private static bool TryStart(string command, Uri url)
        {
            var words = Split(command);
            if (words.Count == 0) return false;
            var replaced = false;
            for (var i = 1; i < words.Count; i++)
            {
                if (words[i].Contains("%s")) { words[i] = words[i].Replace("%s", url.AbsoluteUri); replaced = true; }
            }
            if (!replaced) words.Add(url.AbsoluteUri);
            try
            {
                return Start(words[0], words.GetRange(1, words.Count - 1));
            }
            catch (Win32Exception)
            {
                return false;
            }
        }

        private static bool Start(string fileName, IEnumerable<string> arguments)
        {
            var info = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = false, RedirectStandardError = false };
            info.Arguments = string.Join(" ", QuoteAll(arguments));
            using var process = Process.Start(info);
            return process != null;
        }

        private static IEnumerable<string> QuoteAll(IEnumerable<string> arguments)
        {
            foreach (var argument in arguments)
                yield return argument.IndexOfAny(new[] { ' ', '"', '\t' }) < 0 ? argument : "\"" + argument.Replace("\"", "\\\"") + "\"";
        }

        /// <summary>Splits a command line on blanks, keeping single- or double-quoted words together.</summary>
        internal static List<string> Split(string command)
        {
            var words = new List<string>();
            var current = new StringBuilder();
            char quote = '\0';
            var inWord = false;
            foreach (var c in command)
            {
                if (quote != '\0')
                {
                    if (c == quote) quote = '\0'; else current.Append(c);
                }
                else if (c == '"' || c == '\'') { quote = c; inWord = true; }
                else if (char.IsWhiteSpace(c))
                {
                    if (inWord) { words.Add(current.ToString()); current.Clear(); inWord = false; }
                }
                else { current.Append(c); inWord = true; }
            }
            if (inWord) words.Add(current.ToString());
            return words;
        }
    }
}
