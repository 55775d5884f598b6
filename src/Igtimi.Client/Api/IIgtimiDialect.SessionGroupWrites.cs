using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Models;

namespace Igtimi.Client.Api
{
    /// <summary>
    /// The writes on sessions, session logs, groups and group members (docs/design/igtimi-api-2013.md
    /// sections 3.6, 3.7, 3.10 and 3.11). A write is sent once (see <see cref="Http.IgtimiRequest.IsWrite"/>);
    /// a success-style reply counts only when it is <c>{"success":true}</c>.
    /// </summary>
    public partial interface IIgtimiDialect
    {
        /// <summary><c>POST sessions</c>: a new session owned by the caller, with its two groups; name and times are null.</summary>
        Task<IgtimiSession> CreateSessionAsync(CancellationToken cancellationToken);

        Task DeleteSessionAsync(long id, CancellationToken cancellationToken);

        /// <summary>Adds log entries: <paramref name="xml"/> goes to the server as it is.</summary>
        Task AddSessionLogAsync(long sessionId, string xml, CancellationToken cancellationToken);

        /// <summary><c>POST groups</c>: the new group (the server answers its name and id only).</summary>
        Task<IgtimiGroup> CreateGroupAsync(string name, CancellationToken cancellationToken);

        Task DeleteGroupAsync(long id, CancellationToken cancellationToken);

        Task<IgtimiGroupMembers> GetGroupMembersAsync(long groupId, CancellationToken cancellationToken);

        Task AddGroupMemberAsync(long groupId, long userId, CancellationToken cancellationToken);

        Task RemoveGroupMemberAsync(long groupId, long userId, CancellationToken cancellationToken);

        /// <summary><c>make_public</c> or <c>make_private</c>.</summary>
        Task SetGroupPublicAsync(long groupId, bool isPublic, CancellationToken cancellationToken);
    }
}
