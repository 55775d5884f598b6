using System;
using System.Collections.Generic;
using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Live
{
    /// <summary>Lists the server's WebSocket live servers (server_listers/web_sockets at the site root).</summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiLiveServer")]
    [OutputType(typeof(IgtimiLiveServer))]
    public sealed class GetIgtimiLiveServerCmdlet : IgtimiConnectedCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            IReadOnlyList<Uri> servers = Array.Empty<Uri>();
            RunApiCall(async ct => servers = await connection.GetLiveServersAsync(ct).ConfigureAwait(false), "server_listers/web_sockets");
            for (var i = 0; i < servers.Count; i++) WriteObject(new IgtimiLiveServer(i + 1, servers[i]));
        }
    }
}
