using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Base;
using IgtimiPS.Completers;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.DataTypes
{
    /// <summary>
    /// The data type catalogue: code, name and components with meaning and unit. Offline by default;
    /// -FromServer reads the server's data_types list and merges it with the catalogue.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiDataType", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(IgtimiDataType))]
    public sealed class GetIgtimiDataTypeCmdlet : IgtimiConnectedCmdlet
    {
        private const string NameSet = "Name";
        private const string CodeSet = "Code";

        /// <summary>Names (gps_latlong, sog, …) or codes (1, 9, …); unknown codes are still shown.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DataTypeCompleter))]
        public string[]? Type { get; set; }

        /// <summary>Type codes; binds the DataTypes of resources piped in.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CodeSet, ValueFromPipelineByPropertyName = true)]
        [Alias("DataTypes")]
        [ValidateRange(1, int.MaxValue)]
        public int[] Code { get; set; } = null!;

        [Parameter]
        public SwitchParameter FromServer { get; set; }

        private IReadOnlyList<IgtimiDataType>? _serverTypes;

        protected override void ProcessRecord()
        {
            var source = FromServer ? ServerTypes() : IgtimiDataTypeCatalog.All.ToList();
            if (ParameterSetName == CodeSet)
            {
                foreach (var code in Code) WriteObject(source.FirstOrDefault(t => t.Code == code) ?? IgtimiDataTypeCatalog.Get(code));
                return;
            }
            if (Type is null || Type.Length == 0)
            {
                foreach (var type in source) WriteObject(type);
                return;
            }
            foreach (var text in Type)
            {
                if (!IgtimiDataTypeCatalog.TryResolve(text, out var resolved))
                {
                    WriteError(ErrorRecords.Create($"'{text}' is neither a data type code nor a known name.", ErrorIds.InvalidParameter,
                        ErrorCategory.InvalidArgument, text, "Run Get-IgtimiDataType to list the names and codes."));
                    continue;
                }
                WriteObject(source.FirstOrDefault(t => t.Code == resolved.Code) ?? resolved);
            }
        }

        private IReadOnlyList<IgtimiDataType> ServerTypes()
        {
            if (_serverTypes != null) return _serverTypes;
            var connection = ResolveConnection();
            IReadOnlyList<IgtimiDataType> types = Array.Empty<IgtimiDataType>();
            RunApiCall(async ct => types = await connection.GetServerDataTypesAsync(ct).ConfigureAwait(false), "data_types");
            return _serverTypes = types;
        }
    }
}
