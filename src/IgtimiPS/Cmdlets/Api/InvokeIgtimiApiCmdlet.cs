using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Xml;
using Igtimi.Client.Http;
using IgtimiPS.Base;
using IgtimiPS.Completers;
using IgtimiPS.Conversion;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Api
{
    /// <summary>Calls any Igtimi API endpoint with the connection's token and the API's encoding rules.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "IgtimiApi", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject), typeof(Hashtable), typeof(string), typeof(XmlDocument), typeof(byte[]))]
    public sealed class InvokeIgtimiApiCmdlet : IgtimiConnectedCmdlet
    {
        private const string PathSet = "Path";
        private const string UriSet = "Uri";

        /// <summary>A path relative to the API root (api/v1), such as 'account' or 'devices'.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApiPathCompleter))]
        public string Path { get; set; } = null!;

        /// <summary>An absolute URI on the connection's server.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UriSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public Uri Uri { get; set; } = null!;

        [Parameter]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", IgnoreCase = true)]
        public string Method { get; set; } = "GET";

        /// <summary>Query parameters: arrays become name[]=…, nested hashtables name[key]=….</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary? Query { get; set; }

        /// <summary>The request body: a hashtable (form-encoded by default), an object (JSON), a string or bytes.</summary>
        [Parameter]
        public object? Body { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ContentType { get; set; }

        [Parameter]
        public IgtimiApiOutputType OutputType { get; set; } = IgtimiApiOutputType.PSObject;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ResponseHeadersVariable { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatusCodeVariable { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var method = new HttpMethod(Method.ToUpperInvariant());
            IgtimiRequest request;
            string target;
            try
            {
                request = BuildRequest(connection, method);
                target = $"{method} {Redactor.RedactUri(connection.Resolve(request))}";
            }
            catch (RequestBuildException ex)
            {
                WriteError(ErrorRecords.Create(ex.Message, ex.ErrorId, ErrorCategory.InvalidArgument,
                    ParameterSetName == PathSet ? SafeText.Excerpt(Path) : (object)Uri, inner: ex));
                return;
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.Create(ex.Message, ErrorIds.InvalidUri, ErrorCategory.InvalidArgument,
                    ParameterSetName == PathSet ? SafeText.Excerpt(Path) : (object)Uri, inner: ex));
                return;
            }

            string? outFile = null;
            if (OutFile != null)
            {
                outFile = GetUnresolvedProviderPathFromPSPath(OutFile);
                var folder = System.IO.Path.GetDirectoryName(outFile);
                if (Directory.Exists(outFile))
                {
                    WriteError(ErrorRecords.Create($"-OutFile '{OutFile}' is a folder; give the path of a file.", ErrorIds.OutFileFailed,
                        ErrorCategory.InvalidArgument, OutFile));
                    return;
                }
                if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                {
                    WriteError(ErrorRecords.Create($"The folder of -OutFile '{OutFile}' does not exist.", ErrorIds.OutFileFailed,
                        ErrorCategory.InvalidArgument, OutFile));
                    return;
                }
            }

            if (method != HttpMethod.Get && !ShouldProcess(target, "Send request")) return;

            ApiCallResult? result = null;
            try
            {
                RunAsync(async ct => result = await connection.InvokeAsync(request, outFile, ct).ConfigureAwait(false));
            }
            catch (IgtimiApiException ex)
            {
                if (StatusCodeVariable != null) SessionState.PSVariable.Set(StatusCodeVariable, ex.StatusCode.HasValue ? (int)ex.StatusCode.Value : 0);
                if (ResponseHeadersVariable != null) SessionState.PSVariable.Set(ResponseHeadersVariable, new Hashtable(StringComparer.OrdinalIgnoreCase));
                WriteError(ErrorRecords.FromApiException(ex, null, target));
                return;
            }
            catch (IOException ex) when (outFile != null)
            {
                WriteError(ErrorRecords.Create($"Could not write '{outFile}': {ex.Message}", ErrorIds.OutFileFailed, ErrorCategory.WriteError,
                    outFile, inner: ex));
                return;
            }
            catch (UnauthorizedAccessException ex) when (outFile != null)
            {
                WriteError(ErrorRecords.Create($"Could not write '{outFile}': {ex.Message}", ErrorIds.OutFileFailed, ErrorCategory.PermissionDenied,
                    outFile, inner: ex));
                return;
            }

            if (StatusCodeVariable != null) SessionState.PSVariable.Set(StatusCodeVariable, (int)result!.StatusCode);
            if (ResponseHeadersVariable != null)
            {
                var headers = new Hashtable(StringComparer.OrdinalIgnoreCase);
                foreach (var header in result!.Headers) headers[header.Key] = header.Value;
                SessionState.PSVariable.Set(ResponseHeadersVariable, headers);
            }
            if (outFile is null) WriteBody(result!);
        }

        private IgtimiRequest BuildRequest(Igtimi.Client.IgtimiConnection connection, HttpMethod method)
        {
            IgtimiRequest request;
            if (ParameterSetName == UriSet)
            {
                if (!Uri.IsAbsoluteUri)
                    throw new RequestBuildException(ErrorIds.InvalidUri,
                        $"-Uri '{SafeText.Excerpt(Redactor.Redact(Uri.OriginalString))}' is not absolute; use -Path for a path under api/v1.");
                if (!connection.IsSameServer(Uri))
                    throw new RequestBuildException(ErrorIds.UriNotOnServer,
                        $"-Uri '{SafeText.Excerpt(Redactor.RedactUri(Uri), 120)}' is not on the connection's server {connection.BaseUri}; " +
                        "the token is only sent there.");
                request = new IgtimiRequest(method, Uri);
            }
            else
            {
                try
                {
                    request = new IgtimiRequest(method, Path);
                }
                catch (ArgumentException ex)
                {
                    throw new RequestBuildException(ErrorIds.InvalidUri,
                        "-Path: " + ex.Message + " Use -Uri for an absolute address on the connection's server.", ex);
                }
            }

            try
            {
                if (ContentType != null) IgtimiRequestBody.ValidContentType(ContentType);
            }
            catch (ArgumentException ex)
            {
                throw new RequestBuildException(ErrorIds.InvalidParameter, "-ContentType: " + ex.Message, ex);
            }
            try
            {
                if (Query != null) request.AddQuery(QueryEncoder.Flatten(ObjectTree.UnwrapQuery(Query)));
            }
            catch (ArgumentException ex)
            {
                throw new RequestBuildException(ErrorIds.InvalidQuery, "-Query: " + ex.Message, ex);
            }
            try
            {
                if (Body != null) request.Body = BuildBody(Body);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is InvalidOperationException)
            {
                throw new RequestBuildException(ErrorIds.InvalidBody, "-Body: " + ex.Message, ex);
            }
            request.Accept = "application/json, application/xml;q=0.9, */*;q=0.8";
            return request;
        }

        /// <summary>PowerShell's shapes to the client's: a hashtable may go as form fields, a PSCustomObject as JSON.</summary>
        private IgtimiRequestBody BuildBody(object body)
        {
            var value = body is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : body;
            var plain = value is byte[] || value is string ? value : ObjectTree.FromPowerShell(body);
            return IgtimiRequestBody.FromValue(plain ?? "null", ContentType, preferForm: value is IDictionary);
        }

        private void WriteBody(ApiCallResult result)
        {
            if (result.Body.Length == 0) return;
            try
            {
                switch (OutputType)
                {
                    case IgtimiApiOutputType.Raw:
                        WriteObject(result.IsText ? (object)result.Text : result.Body);
                        return;
                    case IgtimiApiOutputType.Json when !result.IsJson:
                        WriteError(NotThisType(result, "not JSON; use -OutputType Raw"));
                        return;
                    case IgtimiApiOutputType.Json:
                        WriteObject(result.Text);
                        return;
                    case IgtimiApiOutputType.Hashtable when !result.IsJson:
                        WriteError(NotThisType(result, "not JSON, so it cannot become a hashtable; use -OutputType PSObject or Raw"));
                        return;
                    case IgtimiApiOutputType.Hashtable:
                        WriteObject(ObjectTree.ToHashtable(result.ReadJsonTree()), enumerateCollection: true);
                        return;
                }
                if (result.IsJson) WriteObject(ObjectTree.ToPSObject(result.ReadJsonTree()), enumerateCollection: true);
                else if (result.IsXml) WriteObject(result.ReadXml());
                else WriteObject(result.IsText ? (object)result.Text : result.Body);
            }
            catch (IgtimiApiException ex)
            {
                var record = ErrorRecords.FromApiException(ex, ErrorIds.UnexpectedResponse, result.RequestUri);
                record.ErrorDetails.RecommendedAction = "Use -OutputType Raw to see the body.";
                WriteError(record);
            }
        }

        private static ErrorRecord NotThisType(ApiCallResult result, string what) =>
            ErrorRecords.Create($"The response of {result.RequestUri} is {result.ContentType ?? "untyped"}, {what}.",
                ErrorIds.UnexpectedResponse, ErrorCategory.InvalidResult, result.RequestUri);
    }
}
