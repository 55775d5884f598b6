using System;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Models;

namespace Igtimi.Client.Api
{
    /// <summary>Writes on sessions, session logs, groups and members; arguments are checked before any request.</summary>
    public static partial class IgtimiApi
    {
        /// <summary>Larger log documents than this are refused before sending (the server's limit is unknown).</summary>
        public const int MaxSessionLogBytes = 4 * 1024 * 1024;

        public static Task<IgtimiSession> CreateSessionAsync(this IgtimiConnection connection, CancellationToken cancellationToken) =>
            connection.Dialect.CreateSessionAsync(cancellationToken);

        public static Task DeleteSessionAsync(this IgtimiConnection connection, long id, CancellationToken cancellationToken) =>
            connection.Dialect.DeleteSessionAsync(PositiveId(id), cancellationToken);

        /// <summary>Sends an XML document of log additions as it is; only its being XML at all is checked here.</summary>
        public static Task AddSessionLogAsync(this IgtimiConnection connection, long sessionId, string xml, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(xml)) throw new ArgumentException("The session log document is empty.");
            if (System.Text.Encoding.UTF8.GetByteCount(xml) > MaxSessionLogBytes)
                throw new ArgumentException($"The session log document is larger than {MaxSessionLogBytes / (1024 * 1024)} MB.");
            if (!xml.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith("<", StringComparison.Ordinal))
                throw new ArgumentException("The session log document is not XML: it does not begin with '<'.");
            return connection.Dialect.AddSessionLogAsync(PositiveId(sessionId), xml, cancellationToken);
        }

        public static Task<IgtimiGroup> CreateGroupAsync(this IgtimiConnection connection, string name, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A group needs a name.");
            return connection.Dialect.CreateGroupAsync(name.Trim(), cancellationToken);
        }

        public static Task DeleteGroupAsync(this IgtimiConnection connection, long id, CancellationToken cancellationToken) =>
            connection.Dialect.DeleteGroupAsync(PositiveId(id), cancellationToken);

        public static Task<IgtimiGroupMembers> GetGroupMembersAsync(this IgtimiConnection connection, long groupId, CancellationToken cancellationToken) =>
            connection.Dialect.GetGroupMembersAsync(PositiveId(groupId), cancellationToken);

        public static Task AddGroupMemberAsync(this IgtimiConnection connection, long groupId, long userId, CancellationToken cancellationToken) =>
            connection.Dialect.AddGroupMemberAsync(PositiveId(groupId), PositiveId(userId), cancellationToken);

        public static Task RemoveGroupMemberAsync(this IgtimiConnection connection, long groupId, long userId, CancellationToken cancellationToken) =>
            connection.Dialect.RemoveGroupMemberAsync(PositiveId(groupId), PositiveId(userId), cancellationToken);

        public static Task SetGroupPublicAsync(this IgtimiConnection connection, long groupId, bool isPublic, CancellationToken cancellationToken) =>
            connection.Dialect.SetGroupPublicAsync(PositiveId(groupId), isPublic, cancellationToken);
    }
}
