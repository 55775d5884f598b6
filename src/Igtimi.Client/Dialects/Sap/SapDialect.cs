using System;
using System.Collections.Generic;
using System.Net.Http;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.Sap
{
    /// <summary>
    /// SAP Sailing Analytics' replacement server (docs/design/sap-dialect.md): SAP access tokens from
    /// the security API, the REST API under <c>igtimi/api/v1/</c> with unwrapped devices and no
    /// <c>_method=GET</c>, data and live frames as protobuf <c>com.igtimi.Msg</c>. A bad token is not
    /// refused there but served as anonymous, so sign-in proves every token with the whoami call.
    /// One partial file per API resource; what the server lacks is in SapDialect.NotOffered.cs.
    /// </summary>
    internal sealed partial class SapDialect : IIgtimiDialect
    {
        /// <summary>SAP's name for the anonymous user.</summary>
        public const string AnonymousUser = "<all>";

        /// <summary>Keep each URI under this, well below Jetty's 8 KB header buffer, since long queries cannot move into a body.</summary>
        private const int MaxUriLength = 6000;

        private readonly IgtimiHttp _http;
        private readonly Func<string?> _token;

        public SapDialect(IgtimiHttp http, Func<string?> token)
        {
            _http = http;
            _token = token;
        }

        public IgtimiServerFlavor Flavor => IgtimiServerFlavor.Sap;

        private static IgtimiRequest Get(string path) => new IgtimiRequest(HttpMethod.Get, path);

        /// <summary>
        /// The serials in batches whose query stays under the URI limit, for the calls that filter by
        /// serial: the server has no POST + <c>_method=GET</c>, so one long list becomes several GETs.
        /// </summary>
        private IEnumerable<IgtimiSerialNumbers> Batches(IgtimiSerialNumbers serials, int reserved)
        {
            var room = MaxUriLength - _http.ApiUri.AbsoluteUri.Length - reserved;
            var batch = new List<string>();
            var length = 0;
            foreach (var serial in serials)
            {
                var size = "serial_numbers%5B%5D=".Length + Uri.EscapeDataString(serial).Length + 1;
                if (batch.Count > 0 && length + size > room)
                {
                    yield return IgtimiSerialNumbers.From(batch);
                    batch.Clear();
                    length = 0;
                }
                batch.Add(serial);
                length += size;
            }
            if (batch.Count > 0) yield return IgtimiSerialNumbers.From(batch);
        }
    }
}
