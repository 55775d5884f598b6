using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Http;

namespace IgtimiPS.Base
{
    /// <summary>A cmdlet that lists objects, or reads them one by one by id (each failure reported on its own).</summary>
    public abstract class IgtimiListCmdlet<T> : IgtimiConnectedCmdlet
    {
        protected void ListOrGetById(long[]? ids, Func<CancellationToken, Task<IReadOnlyList<T>>> list, Func<long, CancellationToken, Task<T>> get, string listTarget)
        {
            if (ids is null || ids.Length == 0)
            {
                RunApiCall(async ct =>
                {
                    foreach (var item in await list(ct).ConfigureAwait(false)) Emit(item);
                }, listTarget);
                return;
            }
            foreach (var id in ids)
            {
                try
                {
                    RunAsync(async ct => Emit(await get(id, ct).ConfigureAwait(false)));
                }
                catch (IgtimiApiException ex)
                {
                    WriteItemError(ex, id);
                }
            }
        }
    }
}
