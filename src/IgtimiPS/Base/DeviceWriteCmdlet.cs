using System;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client;
using Igtimi.Client.Http;
using IgtimiPS.Errors;

namespace IgtimiPS.Base
{
    /// <summary>
    /// A cmdlet that changes devices, shares or files: asks ShouldProcess with the object, the server and the user before any request,
    /// and reports a 401 on the write as the missing right, not as a dead token (docs/design/igtimi-api-2013.md section 4).
    /// </summary>
    public abstract class DeviceWriteCmdlet : IgtimiConnectedCmdlet
    {
        /// <summary>"YB-1 on http://host/ as owner@example.com": what the -Confirm prompt and -WhatIf name.</summary>
        protected static string Describe(IgtimiConnection connection, string what) => $"{what} on {connection.BaseUri} as {connection.User.Name}";

        protected bool Approve(IgtimiConnection connection, string what, string action) => ShouldProcess(Describe(connection, what), action);

        /// <summary>
        /// Runs one write; a failure becomes a non-terminating error for this object (the pipeline goes on), except the not-offered
        /// error, which stops the cmdlet: no later object would fare better. Returns true when the write went through.
        /// </summary>
        protected bool RunWrite(IgtimiConnection connection, Func<CancellationToken, Task> work, object target, string action, string right)
        {
            try
            {
                RunAsync(work);
                return true;
            }
            catch (IgtimiApiException ex) when (ex.Kind == IgtimiErrorKind.NotOffered)
            {
                ThrowTerminatingError(ErrorRecords.FromApiException(ex, null, target));
            }
            catch (IgtimiApiException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
            {
                var text = ex.ApiErrorDescription ?? ex.ResponseBody;
                var said = string.IsNullOrWhiteSpace(text) ? "" : $": {SafeText.Excerpt(text!, 200)}";
                WriteError(ErrorRecords.Create(
                    $"{connection.User.Name} may not {action} on {connection.BaseUri}: the server refused it with 401{said}. It needs {right}.",
                    ErrorIds.AccessDenied, ErrorCategory.PermissionDenied, target,
                    $"Ask whoever holds {right} to do it or to give it to you; the token itself still works (401 on a write means a missing right).", ex));
            }
            catch (IgtimiApiException ex)
            {
                WriteError(ErrorRecords.FromApiException(ex, null, target));
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.Create(ex.Message, ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, target, inner: ex));
            }
            return false;
        }
    }
}
