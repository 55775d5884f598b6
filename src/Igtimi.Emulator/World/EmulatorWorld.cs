using System.Collections.Concurrent;

namespace Igtimi.Emulator;

/// <summary>
/// Everything the emulated server knows: users, OAuth apps, issued tokens and the regatta (groups,
/// devices, sessions, data access windows, resources). Built from a seed, so the same seed always gives
/// the same ids, names and serials; the anchor date only moves the regatta in time. Credentials are fixed
/// (see <see cref="EmulatorCredentials"/>). Thread-safe: the token store is concurrent, and writes swap whole snapshots
/// under a lock (EmulatorWorld.Writes.*.cs), so a reader always sees one consistent list.
/// </summary>
public sealed partial class EmulatorWorld
{
    /// <summary>When the pre-issued tokens were "created".</summary>
    public static readonly DateTimeOffset PreIssuedAt = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    private EmulatorWorld(int seed, DateOnly anchorDate, TimeProvider clock)
    {
        Seed = seed;
        _clock = clock;

        // Draw from the seeded generator in a fixed order; later additions draw after these.
        var random = new Random(seed);
        long ownerId = 1000 + random.Next(0, 9000);
        long coachId = ownerId + 1 + random.Next(0, 10);
        long outsiderId = coachId + 1 + random.Next(0, 10);

        Owner = new EmulatorUser(ownerId, "Olivia", "Owner", EmulatorCredentials.OwnerEmail, EmulatorCredentials.OwnerPassword);
        Coach = new EmulatorUser(coachId, "Charlie", "Coach", EmulatorCredentials.CoachEmail, EmulatorCredentials.CoachPassword);
        Outsider = new EmulatorUser(outsiderId, "Oscar", "Outsider", EmulatorCredentials.OutsiderEmail, EmulatorCredentials.OutsiderPassword);
        Users = [Owner, Coach, Outsider];

        DemoApp = new OAuthApp(EmulatorCredentials.DemoAppName, EmulatorCredentials.DemoClientId,
            EmulatorCredentials.DemoClientSecret, EmulatorCredentials.DemoRedirectUris);
        RaceOfficeApp = new OAuthApp(EmulatorCredentials.RaceOfficeAppName, EmulatorCredentials.RaceOfficeClientId,
            EmulatorCredentials.RaceOfficeClientSecret, EmulatorCredentials.RaceOfficeRedirectUris);
        Apps = [DemoApp, RaceOfficeApp];

        AddPreIssuedToken(EmulatorCredentials.OwnerToken, Owner);
        AddPreIssuedToken(EmulatorCredentials.CoachToken, Coach);
        AddPreIssuedToken(EmulatorCredentials.OutsiderToken, Outsider);

        // The regatta draws after the users, from the same generator.
        var regatta = new RegattaBuilder(random, anchorDate, Owner, Coach, Outsider).Build();
        AnchorDate = regatta.AnchorDate;
        RegattaStart = regatta.RegattaStart;
        RegattaEnd = regatta.RegattaEnd;
        VenueName = regatta.VenueName;
        RegattaName = regatta.RegattaName;
        Groups = regatta.Groups.ToArray();
        RegattaFleet = regatta.RegattaFleet;
        CoachingTeam = regatta.CoachingTeam;
        RaceSpectators = regatta.RaceSpectators;
        RaceCommittee = regatta.RaceCommittee;
        CoachDebriefGroup = regatta.CoachDebrief;
        CoachBoatGroup = regatta.CoachBoatGroup;
        _devices = regatta.Devices.ToArray();
        YachtBots = regatta.YachtBots.ToArray();
        WindBots = regatta.WindBots.ToArray();
        CoachBoat = regatta.CoachBoat;
        HeartRateBoat = regatta.HeartRateBoat;
        Sessions = regatta.Sessions.ToArray();
        Races = Sessions.Where(s => s.Kind == EmulatorSessionKind.Race).ToArray();
        PublicSession = Sessions.Single(s => s.Kind == EmulatorSessionKind.Public);
        DebriefSession = Sessions.Single(s => s.Kind == EmulatorSessionKind.Debrief);
        IncompleteSession = Sessions.Single(s => s.Kind == EmulatorSessionKind.Incomplete);
        _dataAccessWindows = regatta.DataAccessWindows.ToArray();
        Resources = regatta.Resources.ToArray();
    }

    /// <summary>
    /// Builds the world for a seed, with the regatta's last day on today's UTC date.
    /// <paramref name="clock"/> stamps issued tokens and gives "today" (default: system clock).
    /// </summary>
    public static EmulatorWorld Create(int seed, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        return new(seed, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), clock);
    }

    /// <summary>Builds the world for a seed with the regatta's last day on <paramref name="anchorDate"/> (UTC).</summary>
    public static EmulatorWorld Create(int seed, DateOnly anchorDate, TimeProvider? clock = null) =>
        new(seed, anchorDate, clock ?? TimeProvider.System);

    public int Seed { get; }

    public EmulatorUser Owner { get; }
    public EmulatorUser Coach { get; }
    public EmulatorUser Outsider { get; }
    public IReadOnlyList<EmulatorUser> Users { get; }

    public OAuthApp DemoApp { get; }
    public OAuthApp RaceOfficeApp { get; }
    public IReadOnlyList<OAuthApp> Apps { get; }

    public EmulatorUser? FindUser(long id) => Users.FirstOrDefault(u => u.Id == id);

    /// <summary>The user with this email and password, or null. Emails compare case-insensitively.</summary>
    public EmulatorUser? FindUserByCredentials(string email, string password)
    {
        var user = Users.FirstOrDefault(u => string.Equals(u.Email, email.Trim(), StringComparison.OrdinalIgnoreCase));
        return user is not null && SecretGenerator.FixedTimeEquals(user.Password, password) ? user : null;
    }

    public OAuthApp? FindApp(string clientId) => Apps.FirstOrDefault(a => a.ClientId == clientId);

    /// <summary>Issues a new random 64-hex access token for the user, on behalf of the app.</summary>
    public IssuedToken IssueToken(EmulatorUser user, OAuthApp app)
    {
        var token = new IssuedToken(SecretGenerator.NewHex64(), user.Id, app.ClientId, _clock.GetUtcNow());
        _tokens[token.Value] = token;
        return token;
    }

    public IssuedToken? FindToken(string token) => _tokens.GetValueOrDefault(token);

    private void AddPreIssuedToken(string value, EmulatorUser user) =>
        _tokens[value] = new IssuedToken(value, user.Id, DemoApp.ClientId, PreIssuedAt);
}
