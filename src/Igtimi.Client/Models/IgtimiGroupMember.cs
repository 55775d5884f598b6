using System.Collections.Generic;

namespace Igtimi.Client.Models
{
    /// <summary>One member of a group, as <c>GET groups/{id}/members</c> lists it.</summary>
    public sealed class IgtimiGroupMember
    {
        public long GroupId { get; set; }

        /// <summary>True when the group is public (the list's <c>{"public":true}</c> entry); the same for every member of one group.</summary>
        public bool GroupIsPublic { get; set; }

        public IgtimiUser User { get; set; } = new IgtimiUser();

        public long? UserId => User.Id;

        public string? Email => User.Email;

        public string DisplayName => User.DisplayName;

        public override string ToString() => $"{User} in group {GroupId}";
    }

    /// <summary>A group's member list and whether the group is public.</summary>
    public sealed class IgtimiGroupMembers
    {
        public IgtimiGroupMembers(long groupId, bool isPublic, IReadOnlyList<IgtimiGroupMember> members)
        {
            GroupId = groupId;
            IsPublic = isPublic;
            Members = members;
        }

        public long GroupId { get; }

        public bool IsPublic { get; }

        public IReadOnlyList<IgtimiGroupMember> Members { get; }
    }
}
