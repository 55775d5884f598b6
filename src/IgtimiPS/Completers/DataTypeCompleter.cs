using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Igtimi.Client.Models;

namespace IgtimiPS.Completers
{
    /// <summary>Completes data type names (and codes) from the built-in catalogue.</summary>
    public sealed class DataTypeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            var numeric = word.Length > 0 && word.All(char.IsDigit);
            foreach (var type in IgtimiDataTypeCatalog.All)
            {
                var text = numeric ? type.Code.ToString(System.Globalization.CultureInfo.InvariantCulture) : type.Name;
                if (!text.StartsWith(word, StringComparison.OrdinalIgnoreCase)) continue;
                yield return new CompletionResult(text, $"{type.Name} ({type.Code})", CompletionResultType.ParameterValue,
                    $"{type.Code} {type.Name}: {type.Description}");
            }
        }
    }
}
