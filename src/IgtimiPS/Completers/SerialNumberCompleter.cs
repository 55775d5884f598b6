using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Igtimi.Client;
using IgtimiPS.Connections;

namespace IgtimiPS.Completers
{
    /// <summary>
    /// Completes serial numbers from the current (or -Connection) connection's devices, by serial or
    /// device name (see <see cref="DeviceListCache"/>); it never signs in.
    /// </summary>
    public sealed class SerialNumberCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = (fakeBoundParameters?["Connection"] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters?["Connection"])
                                 as IgtimiConnection
                             ?? IgtimiConnectionRegistry.Current;
            if (connection is null || !connection.IsOpen) return Array.Empty<CompletionResult>();
            var word = (wordToComplete ?? "").Trim('\'', '"');
            return DeviceListCache.Devices(connection)
                .Where(d => !string.IsNullOrEmpty(d.SerialNumber) &&
                            (d.SerialNumber!.StartsWith(word, StringComparison.OrdinalIgnoreCase) ||
                             (d.Name ?? "").StartsWith(word, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(d => d.SerialNumber, StringComparer.OrdinalIgnoreCase)
                .Select(d => new CompletionResult(d.SerialNumber, $"{d.SerialNumber} {d.Name}".Trim(), CompletionResultType.ParameterValue,
                    string.IsNullOrEmpty(d.Name) ? d.SerialNumber : $"{d.Name} ({d.SerialNumber})"))
                .ToList();
        }
    }
}
