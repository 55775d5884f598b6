using System;
using System.Collections.Generic;
using System.Linq;
using Igtimi.Client.Models;

namespace IgtimiPS.Arguments
{
    internal static class DataTypeArguments
    {
        /// <summary>Turns names or codes into type codes; throws ArgumentException naming what is unknown.</summary>
        public static IReadOnlyList<int> Resolve(IEnumerable<string> texts)
        {
            var codes = new List<int>();
            var unknown = new List<string>();
            foreach (var text in texts)
            {
                if (IgtimiDataTypeCatalog.TryResolve(text, out var type)) codes.Add(type.Code);
                else unknown.Add(text);
            }
            if (unknown.Count > 0)
                throw new ArgumentException($"Unknown data type {string.Join(", ", unknown.Select(u => "'" + u + "'"))}: " +
                                            "use a code (1, 9, …) or a name from Get-IgtimiDataType.");
            return codes.Distinct().ToList();
        }
    }
}
