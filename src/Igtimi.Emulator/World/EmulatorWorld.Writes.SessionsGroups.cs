namespace Igtimi.Emulator;

/// <summary>How a write to the world ended; the endpoints turn it into igtimi.com's status and body.</summary>
public enum WriteStatus
{
    Done,
    NotFound,

    /// <summary>The caller lacks the right (igtimi.com's 401, docs/design/igtimi-api-2013.md section 4).</summary>
    Denied,
}

public readonly record struct WriteResult<T>(WriteStatus Status, T? Value, string Message)
{
    public static WriteResult<T> Done(T value) => new(WriteStatus.Done, value, "");
    public static WriteResult<T> NotFound(string message) => new(WriteStatus.NotFound, default, message);
    public static WriteResult<T> Denied(string message) => new(WriteStatus.Denied, default, message);
}

/// <summary>
/// The writes on sessions, their logs, groups and members (docs/design/igtimi-api-2013.md section 6.3). Each write
/// builds a new snapshot of the list it changes and publishes it in one step, under one lock, so readers always see a
/// whole list, before or after. The rules: the owner and the admin group of a session may change it; the admin of a
/// group may change it; an app token (no user) may change nothing.
/// </summary>
public sealed partial class EmulatorWorld
{
    /// <summary>The id of the stand-in user behind an app token (client_credentials); no real user has it.</summary>
    public const long AppUserId = 0;

    /// <summary>Who an app token acts as: a user with no rights, groups or devices, who still reads public sessions.</summary>
    public static readonly EmulatorUser AppUser = new(AppUserId, "", "", "", "");

    private readonly object _sessionsAndGroupsLock = new();
    private IReadOnlyList<EmulatorGroup> _groups = [];
    private IReadOnlyList<EmulatorSession> _sessions = [];

    /// <summary>Issues a token for the app itself (client_credentials): it acts as <see cref="AppUser"/>.</summary>
    public IssuedToken IssueAppToken(OAuthApp app)
    {
        var token = new IssuedToken(SecretGenerator.NewHex64(), AppUserId, app.ClientId, _clock.GetUtcNow());
        _tokens[token.Value] = token;
        return token;
    }

    /// <summary><c>POST sessions</c>: a blank session owned by the caller, with a session group and an admin group of its own.</summary>
    public WriteResult<EmulatorSession> CreateSession(EmulatorUser user)
    {
        if (user.Id == AppUserId)
            return WriteResult<EmulatorSession>.Denied("An app token has no user to own a session");
        lock (_sessionsAndGroupsLock)
        {
            long sessionId = Sessions.Max(s => s.Id) + 1;
            long groupId = NextGroupId();
            var group = new EmulatorGroup(groupId, $"Session {sessionId}", user.Id, [user.Id]);
            var admins = new EmulatorGroup(groupId + 1, $"Session {sessionId} admins", user.Id, [user.Id]);
            Groups = [.. Groups, group, admins];
            var session = new EmulatorSession(sessionId, "", EmulatorSessionKind.Incomplete, _clock.GetUtcNow(), null, user.Id,
                group.Id, admins.Id, false, [], Blank: true);
            Sessions = [.. Sessions, session];
            return WriteResult<EmulatorSession>.Done(session);
        }
    }

    /// <summary><c>DELETE sessions/{id}</c>: gone from every list; its groups stay (other objects may use them).</summary>
    public WriteResult<EmulatorSession> DeleteSession(EmulatorUser user, long id)
    {
        lock (_sessionsAndGroupsLock)
        {
            var denied = ModifiableSession(user, id, out var session);
            if (denied is not null) return denied.Value;
            Sessions = Sessions.Where(s => s.Id != id).ToArray();
            return WriteResult<EmulatorSession>.Done(session!);
        }
    }

    /// <summary><c>POST sessions/{id}/logs</c>: appends the entries (already read from the XML), numbering them after the last entry of any session.</summary>
    public WriteResult<EmulatorSession> AddSessionLog(EmulatorUser user, long id, IReadOnlyList<EmulatorSessionLogData> additions)
    {
        lock (_sessionsAndGroupsLock)
        {
            var denied = ModifiableSession(user, id, out var session);
            if (denied is not null) return denied.Value;
            long nextId = Sessions.SelectMany(s => s.Log).Select(e => e.Id).DefaultIfEmpty(0).Max() + 1;
            var now = _clock.GetUtcNow();
            var entries = additions.Select((data, i) => new EmulatorSessionLogEntry(nextId + i, now, data));
            var changed = session! with { Log = [.. session.Log, .. entries] };
            Sessions = Sessions.Select(s => s.Id == id ? changed : s).ToArray();
            return WriteResult<EmulatorSession>.Done(changed);
        }
    }

    /// <summary><c>POST groups</c>: a group the caller administers and belongs to.</summary>
    public WriteResult<EmulatorGroup> CreateGroup(EmulatorUser user, string name)
    {
        if (user.Id == AppUserId)
            return WriteResult<EmulatorGroup>.Denied("An app token has no user to administer a group");
        lock (_sessionsAndGroupsLock)
        {
            var group = new EmulatorGroup(NextGroupId(), name, user.Id, [user.Id]);
            Groups = [.. Groups, group];
            return WriteResult<EmulatorGroup>.Done(group);
        }
    }

    public WriteResult<EmulatorGroup> DeleteGroup(EmulatorUser user, long id) =>
        ChangeGroup(user, id, _ => null);

    public WriteResult<EmulatorGroup> AddGroupMember(EmulatorUser user, long groupId, long userId)
    {
        if (FindUser(userId) is null)
            return WriteResult<EmulatorGroup>.NotFound($"User {userId} not found");
        return ChangeGroup(user, groupId, g => g.HasMember(userId) ? g : g with { MemberIds = [.. g.MemberIds, userId] });
    }

    public WriteResult<EmulatorGroup> RemoveGroupMember(EmulatorUser user, long groupId, long userId)
    {
        lock (_sessionsAndGroupsLock)
        {
            if (FindGroup(groupId) is { } group && GroupPermissions(user, group).Modify && !group.HasMember(userId))
                return WriteResult<EmulatorGroup>.NotFound($"User {userId} is not a member of group {groupId}");
            return ChangeGroup(user, groupId, g => g with { MemberIds = g.MemberIds.Where(m => m != userId).ToArray() });
        }
    }

    public WriteResult<EmulatorGroup> SetGroupPublic(EmulatorUser user, long groupId, bool isPublic) =>
        ChangeGroup(user, groupId, g => g with { IsPublic = isPublic });

    /// <summary>Replaces (or, for null, removes) a group the caller administers.</summary>
    private WriteResult<EmulatorGroup> ChangeGroup(EmulatorUser user, long id, Func<EmulatorGroup, EmulatorGroup?> change)
    {
        lock (_sessionsAndGroupsLock)
        {
            if (FindGroup(id) is not { } group)
                return WriteResult<EmulatorGroup>.NotFound("Group not found");
            if (!GroupPermissions(user, group).Modify)
                return WriteResult<EmulatorGroup>.Denied("no modify permission on the group");
            var changed = change(group);
            Groups = changed is null ? Groups.Where(g => g.Id != id).ToArray() : Groups.Select(g => g.Id == id ? changed : g).ToArray();
            return WriteResult<EmulatorGroup>.Done(changed ?? group);
        }
    }

    private WriteResult<EmulatorSession>? ModifiableSession(EmulatorUser user, long id, out EmulatorSession? session)
    {
        session = FindSession(id);
        if (session is null)
            return WriteResult<EmulatorSession>.NotFound("Session not found");
        if (!SessionPermissions(user, session).Modify)
            return WriteResult<EmulatorSession>.Denied("no modify permission on the session");
        return null;
    }

    private long NextGroupId() => Groups.Max(g => g.Id) + 1;
}
