using System.Collections.Generic;
using System.Linq;
using Igtimi.Client.Models;

namespace Igtimi.Client.Api
{
    /// <summary>
    /// igtimi.com lists the hidden system groups every user is in, <c>_public</c> and <c>_members</c> (docs/design/igtimi-api-2013.md
    /// sections 3.10 and 6.2); they are left out unless asked for. The list's order is the server's, which is none.
    /// </summary>
    public static class IgtimiGroupFilter
    {
        public static IReadOnlyList<IgtimiGroup> Visible(IEnumerable<IgtimiGroup> groups, bool includeHidden) =>
            includeHidden ? groups.ToList() : groups.Where(g => !g.Hidden).ToList();
    }
}
