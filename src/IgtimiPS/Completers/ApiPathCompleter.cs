using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace IgtimiPS.Completers
{
    /// <summary>Completes -Path of Invoke-IgtimiApi with the Igtimi API v1 endpoints (no request is made).</summary>
    public sealed class ApiPathCompleter : IArgumentCompleter
    {
        private static readonly (string Path, string Description)[] Endpoints =
        {
            ("account", "GET: the signed-in user"),
            ("users", "GET: users (the signed-in user)"),
            ("groups", "GET: groups the user belongs to"),
            ("devices", "GET: devices; POST with _method=GET and serial_numbers[] filters"),
            ("devices/data_access_windows", "GET: who may read which device when (type, start_time, end_time, serial_numbers[])"),
            ("sessions", "GET: sessions (races): ids[], public, limit, include_incomplete"),
            ("resources", "GET: stored data chunks: permission, start_time, end_time, serial_numbers[], stream_ids[]"),
            ("resources/data", "GET: packed device data: start_time, end_time, serial_numbers[], types[code]=compression"),
            ("resources/data/latest", "GET: the latest datum per device: type, serial_numbers[]"),
            ("data_types", "GET: the data type catalogue"),
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"').TrimStart('/');
            return Endpoints
                .Where(e => e.Path.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(e => new CompletionResult(e.Path, e.Path, CompletionResultType.ParameterValue, e.Description));
        }
    }
}
