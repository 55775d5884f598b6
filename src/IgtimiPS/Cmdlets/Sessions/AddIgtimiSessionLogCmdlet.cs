using System.IO;
using System.Management.Automation;
using System.Xml;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Sessions
{
    /// <summary>
    /// Adds entries to a session's log (<c>POST sessions/{id}/logs</c>): the XML document goes to the server as it is, since
    /// the log schema was never published; the server's refusal of a malformed document comes back with its text.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "IgtimiSessionLog", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IgtimiSessionLogEntry))]
    public sealed class AddIgtimiSessionLogCmdlet : IgtimiWriteCmdlet
    {
        private const string IdSet = "Id";
        private const string InputObjectSet = "InputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("Id")]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public long SessionId { get; set; }

        /// <summary>A session or session id.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject InputObject { get; set; } = null!;

        /// <summary>The log additions: XML text, an [xml] document or element, or a FileInfo of an XML file.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNull]
        public PSObject Xml { get; set; } = null!;

        /// <summary>Writes the session's log entries after the addition (read back with GET sessions/{id}/logs).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            long id;
            if (ParameterSetName == InputObjectSet)
            {
                var piped = PipedId(InputObject, PipelineTarget.Session);
                if (piped is null) return;
                id = piped[0];
            }
            else id = SessionId;
            var text = DocumentText();
            if (text is null) return;
            var connection = ResolveConnection();
            if (!ShouldProcess(Target(connection, $"the log of session {id} (+{text.Length} characters of XML)"), "Add session log entries")) return;
            if (!RunWrite(connection, ct => connection.AddSessionLogAsync(id, text, ct), $"add log entries to session {id}",
                    "modify right on the session (its owner or a member of its admin group)", id) || !PassThru) return;
            RunWrite(connection, async ct =>
            {
                foreach (var entry in await connection.GetSessionLogAsync(id, ct).ConfigureAwait(false)) Emit(entry);
            }, $"read the log of session {id}", "read right on the session", id);
        }

        private string? DocumentText()
        {
            switch (Xml.BaseObject)
            {
                case string s:
                    return s;
                case XmlNode node:
                    return node.OuterXml;
                case FileInfo file:
                    try
                    {
                        return File.ReadAllText(file.FullName);
                    }
                    catch (IOException ex)
                    {
                        WriteError(ErrorRecords.Create($"Cannot read {file.FullName}: {ex.Message}", ErrorIds.InvalidInput, ErrorCategory.ReadError, file, inner: ex));
                        return null;
                    }
                default:
                    WriteError(ErrorRecords.Create($"-Xml takes XML text, an [xml] document or element, or a file (Get-Item), not a {Xml.BaseObject.GetType().Name}.",
                        ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, Xml));
                    return null;
            }
        }
    }
}
