using System;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using IgtimiPS.Errors;

namespace IgtimiPS.Base
{
    /// <summary>
    /// A cmdlet that changes data on the server. It asks ShouldProcess with the object, the server and the user, sends
    /// nothing under -WhatIf, and turns the write's failures into clear errors: a 401 is a missing right (not a dead
    /// token), an unconfirmed reply says the change may or may not have happened.
    /// </summary>
    public abstract class IgtimiWriteCmdlet : IgtimiConnectedCmdlet
    {
        /// <summary>The ShouldProcess target: what changes, where, and who changes it.</summary>
        protected static string Target(IgtimiConnection connection, string what) =>
            $"{what} on {connection.BaseUri} as {(connection.IsAppOnly ? connection.UserName + " (no user)" : connection.UserName)}";

        /// <summary>
        /// Runs one write for one object; a failure is written as a non-terminating error and false is returned, so a
        /// pipeline of objects carries on with the next. <paramref name="right"/> says which right the write needs.
        /// </summary>
        protected bool RunWrite(IgtimiConnection connection, Func<CancellationToken, Task> work, string action, string right, object target)
        {
            try
            {
                RunAsync(work);
                return true;
            }
            catch (IgtimiApiException ex)
            {
                WriteError(WriteErrorRecord(connection, ex, action, right, target));
                return false;
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.Create(ex.Message, ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, target, inner: ex));
                return false;
            }
        }

        private ErrorRecord WriteErrorRecord(IgtimiConnection connection, IgtimiApiException ex, string action, string right, object target)
        {
            if (ex is SessionLogRejectedException rejected)
            {
                return ErrorRecords.Create(rejected.Message, ErrorIds.SessionLogRejected, ErrorCategory.InvalidData, target,
                    "Fix the XML as the server's text says; the log is read back with Get-IgtimiSessionLog, whose entries show the form it takes.", ex);
            }
            if (ex.StatusCode == HttpStatusCode.Unauthorized)
            {
                if (connection.IsAppOnly)
                {
                    return ErrorRecords.Create($"The server refused to {action} (401): {connection.UserName} is an app token (client_credentials), " +
                                               "which has no user and so no rights to change anything.", ErrorIds.AccessDenied,
                        ErrorCategory.PermissionDenied, target, "Connect as a user (-Credential, -AccessToken or a browser sign-in) to make changes.", ex);
                }
                if (TokenStillWorks(connection))
                {
                    return ErrorRecords.Create($"{connection.UserName} may not {action}: the server answered 401, which on a write means the {right} " +
                                               "is missing. The sign-in itself is still valid.", ErrorIds.AccessDenied, ErrorCategory.PermissionDenied,
                        target, $"Ask whoever holds the {right} to do it, or to give it to you.", ex);
                }
            }
            if (ex.Kind == IgtimiErrorKind.InvalidResponse || ex.Kind == IgtimiErrorKind.ApiError)
            {
                var record = ErrorRecords.FromApiException(ex, ErrorIds.WriteUnconfirmed, target);
                record.ErrorDetails.RecommendedAction = "Read the object back (Get-IgtimiSession, Get-IgtimiGroup, Get-IgtimiGroupMember) to see " +
                                                        "whether the change was made before trying again.";
                return record;
            }
            if (ex.Kind == IgtimiErrorKind.Timeout || ex.Kind == IgtimiErrorKind.Network || (int?)ex.StatusCode >= 500)
            {
                var record = ErrorRecords.FromApiException(ex, null, target);
                record.ErrorDetails.RecommendedAction = "A write is not sent again by itself after such a failure, because the server may have made " +
                                                        "the change already. Read the object back before trying again.";
                return record;
            }
            return ErrorRecords.FromApiException(ex, null, target);
        }

        private bool TokenStillWorks(IgtimiConnection connection)
        {
            try
            {
                RunAsync(ct => connection.GetAccountAsync(ct));
                return true;
            }
            catch (IgtimiApiException)
            {
                return false;
            }
        }
    }
}
