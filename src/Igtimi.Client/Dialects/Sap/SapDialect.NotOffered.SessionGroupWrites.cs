using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.Sap
{
    /// <summary>SAP's server has no sessions and no groups, so none of their writes either (docs/design/sap-dialect.md sections 4 and 7).</summary>
    internal sealed partial class SapDialect
    {
        private const string NoSessions = "A race on SAP's server is a time window and its boats: give -Start, -End and the serial numbers.";

        public Task<IgtimiSession> CreateSessionAsync(CancellationToken cancellationToken) => throw NotOffered("sessions", NoSessions);

        public Task DeleteSessionAsync(long id, CancellationToken cancellationToken) => throw NotOffered("sessions", NoSessions);

        public Task AddSessionLogAsync(long sessionId, string xml, CancellationToken cancellationToken) => throw NotOffered("session logs");

        public Task<IgtimiGroup> CreateGroupAsync(string name, CancellationToken cancellationToken) => throw NotOffered("groups");

        public Task DeleteGroupAsync(long id, CancellationToken cancellationToken) => throw NotOffered("groups");

        public Task<IgtimiGroupMembers> GetGroupMembersAsync(long groupId, CancellationToken cancellationToken) => throw NotOffered("groups");

        public Task AddGroupMemberAsync(long groupId, long userId, CancellationToken cancellationToken) => throw NotOffered("groups");

        public Task RemoveGroupMemberAsync(long groupId, long userId, CancellationToken cancellationToken) => throw NotOffered("groups");

        public Task SetGroupPublicAsync(long groupId, bool isPublic, CancellationToken cancellationToken) => throw NotOffered("groups");
    }
}
