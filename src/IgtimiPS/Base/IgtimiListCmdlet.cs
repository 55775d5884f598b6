using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client;
using Igtimi.Client.Http;

namespace IgtimiPS.Base
{
    /// <summary>A cmdlet that lists objects, or reads them one by one by id (each failure reported on its own).</summary>
    public abstract class IgtimiListCmdlet<T> : IgtimiConnectedCmdlet
    {
        /// <summary>
        /// Without ids, the whole list (a failure stops the cmdlet); with ids, each object by itself, a
        /// failed one a non-terminating error, named "<paramref name="noun"/> &lt;id&gt;".
        /// </summary>
        protected void ListOrGetById(IgtimiConnection connection, long[]? ids, Func<CancellationToken, Task<IReadOnlyList<T>>> list,
            Func<long, CancellationToken, Task<T>> get, string listTarget, string noun)
        {
            if (ids is null || ids.Length == 0)
            {
                RunApiCall(async ct =>
                {
                    foreach (var item in await list(ct).ConfigureAwait(false)) Emit(item);
                }, listTarget);
                return;
            }
            GetById(connection, ids, get, noun);
        }

        /// <summary>Each object by itself; a failed one is a non-terminating error named "<paramref name="noun"/> &lt;id&gt;".</summary>
        protected void GetById(IgtimiConnection connection, long[] ids, Func<long, CancellationToken, Task<T>> get, string noun)
        {
            foreach (var id in ids)
            {
                try
                {
                    RunAsync(async ct => Emit(await get(id, ct).ConfigureAwait(false)));
                }
                catch (IgtimiApiException ex)
                {
                    WriteError(ItemError(connection, ex, $"{noun} {id}", id));
                }
            }
        }
    }
}
