using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Base;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Resources
{
    /// <summary>
    /// Sends a file to a resource (igtimi.com: <c>POST resource_data/upload</c>, multipart) and checks the md5 the server reports
    /// against the local file; the stored file becomes a type-16 (file) point of the resource's device.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "IgtimiFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IgtimiUploadedFile))]
    public sealed class SendIgtimiFileCmdlet : DeviceWriteCmdlet
    {
        private static readonly Dictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".csv"] = "text/csv",
            [".txt"] = "text/plain",
            [".json"] = "application/json",
            [".xml"] = "application/xml",
            [".gpx"] = "application/gpx+xml",
            [".kml"] = "application/vnd.google-earth.kml+xml",
            [".jpg"] = "image/jpeg",
            [".jpeg"] = "image/jpeg",
            [".png"] = "image/png",
            [".mp4"] = "video/mp4",
        };

        [Parameter(Mandatory = true, Position = 0)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>The resource to add the file to (<c>Get-IgtimiResource -Permission Modify</c> lists them; a piped resource gives its id).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateRange(1, long.MaxValue)]
        public long ResourceId { get; set; }

        /// <summary>The span the file covers (a piped resource gives its own).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("StartTime")]
        public DateTimeOffset Start { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("EndTime")]
        public DateTimeOffset End { get; set; }

        /// <summary>The file part's Content-Type; by default guessed from the extension, else application/octet-stream.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ContentType { get; set; }

        protected override void ProcessRecord()
        {
            var full = GetUnresolvedProviderPathFromPSPath(Path);
            if (!File.Exists(full))
            {
                WriteError(ErrorRecords.Create($"There is no file '{full}'.", ErrorIds.InvalidParameter, ErrorCategory.ObjectNotFound, Path,
                    "Give the path of an existing file."));
                return;
            }
            var type = ContentType ?? (ContentTypes.TryGetValue(System.IO.Path.GetExtension(full), out var known) ? known : "application/octet-stream");
            var connection = ResolveConnection();
            if (!Approve(connection, $"resource {ResourceId}",
                    $"Upload '{full}' ({new FileInfo(full).Length:N0} bytes, {type}) for {Start.UtcDateTime:u} to {End.UtcDateTime:u}"))
                return;
            IgtimiUploadedFile? uploaded = null;
            try
            {
                if (RunWrite(connection, async ct => uploaded = await connection.UploadFileAsync(ResourceId, full, type, Start, End, ct).ConfigureAwait(false),
                        full, $"upload to resource {ResourceId}", "modify on the resource"))
                    WriteObject(uploaded);
            }
            catch (IgtimiUploadChecksumException ex)
            {
                WriteError(ErrorRecords.Create(ex.Message, ErrorIds.UploadChecksumMismatch, ErrorCategory.InvalidResult, full,
                    "Send the file again and compare; if the md5 still differs, the server changes files it stores.", ex));
            }
            catch (IOException ex)
            {
                WriteError(ErrorRecords.Create($"'{full}' could not be read: {ex.Message}", ErrorIds.InvalidParameter, ErrorCategory.ReadError, full,
                    inner: ex));
            }
        }
    }
}
