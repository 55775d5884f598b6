namespace Igtimi.Emulator;

/// <summary>
/// Builds the seeded regatta: groups, devices, sessions with logs, data access windows and resources.
/// Every random draw comes from the world's <see cref="Random"/> in a fixed order that does not depend on
/// the anchor date, so a seed always gives the same ids, names and serials; the anchor date only moves times.
/// </summary>
internal sealed class RegattaBuilder
{
    public const int YachtBotCount = 12;
    public const int WindBotCount = 3;
    public const int RegattaDays = 4;

    private static readonly int[] YachtBotTypes = [1, 2, 3, 6, 8, 9, 15];
    private static readonly int[] HeartRateBoatTypes = [1, 2, 3, 6, 8, 9, 13, 15];
    private static readonly int[] WindBotTypes = [1, 2, 3, 11, 12, 15];

    private static readonly (string Name, string Short, double Lat, double Lon, int Wind)[] Venues =
    [
        ("Akaroa Harbour", "Akaroa", -43.8210, 172.9530, 250),
        ("Kiel Fjord", "Kiel", 54.4300, 10.1900, 240),
        ("The Solent", "Solent", 50.7700, -1.3000, 225),
        ("Waitemata Harbour", "Auckland", -36.8300, 174.8000, 200),
        ("Lake Garda", "Garda", 45.8800, 10.8600, 190),
    ];

    private static readonly string[] SerialPrefixes = ["DC", "GA", "DD", "EA", "FA"];
    private static readonly string[] BoatNames =
    [
        "Aurora", "Blue Heron", "Cirrus", "Dragonfly", "Ember", "Falcon", "Gannet", "Halcyon",
        "Ibis", "Jester", "Kestrel", "Lumen", "Mistral", "Nimbus", "Osprey", "Petrel",
    ];
    private static readonly string[] Countries = ["NZL", "AUS", "GBR", "GER", "FRA", "USA", "ITA", "ESP", "SWE", "DEN"];
    private static readonly string[] FirstNames =
        ["Anna", "Ben", "Chloe", "David", "Emma", "Finn", "Grace", "Hugo", "Isla", "Jack", "Kate", "Liam", "Mia", "Noah", "Olga", "Piet"];
    private static readonly string[] Surnames =
        ["Baker", "Carter", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen", "Keller", "Larsen", "Moreau", "Novak", "Rossi"];

    private readonly Random _random;
    private readonly EmulatorUser _owner;
    private readonly EmulatorUser _coach;
    private readonly EmulatorUser _outsider;
    private readonly HashSet<string> _serials = new(StringComparer.Ordinal);

    public RegattaBuilder(Random random, DateOnly anchor, EmulatorUser owner, EmulatorUser coach, EmulatorUser outsider)
    {
        _random = random;
        _owner = owner;
        _coach = coach;
        _outsider = outsider;
        AnchorDate = anchor;
        RegattaStart = Midnight(anchor.AddDays(-(RegattaDays - 1)));
        RegattaEnd = Midnight(anchor.AddDays(1));
    }

    public DateOnly AnchorDate { get; }
    public DateTimeOffset RegattaStart { get; }
    public DateTimeOffset RegattaEnd { get; }
    public string VenueName { get; private set; } = "";
    public string RegattaName { get; private set; } = "";

    public EmulatorGroup RegattaFleet { get; private set; } = null!;
    public EmulatorGroup CoachingTeam { get; private set; } = null!;
    public EmulatorGroup RaceSpectators { get; private set; } = null!;
    public EmulatorGroup RaceCommittee { get; private set; } = null!;
    public EmulatorGroup CoachDebrief { get; private set; } = null!;
    public EmulatorGroup CoachBoatGroup { get; private set; } = null!;
    public List<EmulatorGroup> Groups { get; } = [];

    public List<EmulatorDevice> YachtBots { get; } = [];
    public List<EmulatorDevice> WindBots { get; } = [];
    public EmulatorDevice CoachBoat { get; private set; } = null!;
    public EmulatorDevice HeartRateBoat { get; private set; } = null!;
    public List<EmulatorDevice> Devices { get; } = [];

    public List<EmulatorSession> Sessions { get; } = [];
    public List<EmulatorDataAccessWindow> DataAccessWindows { get; } = [];
    public List<EmulatorResource> Resources { get; } = [];

    public RegattaBuilder Build()
    {
        var venue = Venues[_random.Next(Venues.Length)];
        VenueName = venue.Name;
        RegattaName = venue.Short + " Regatta";

        BuildGroups();
        BuildDevices();
        var boats = BuildBoats();
        var plans = PlanSessions(venue.Wind);
        BuildSessions(plans, boats, venue.Lat, venue.Lon);
        BuildDataAccessWindows();
        BuildResources();
        return this;
    }

    private void BuildGroups()
    {
        long id = 22000 + _random.Next(0, 5000);
        EmulatorGroup Next(string name, long admin, params long[] members)
        {
            var group = new EmulatorGroup(id, name, admin, members);
            id += _random.Next(1, 4);
            Groups.Add(group);
            return group;
        }

        RegattaFleet = Next("Regatta Fleet", _owner.Id, _owner.Id);
        CoachingTeam = Next("Coaching Team", _owner.Id, _coach.Id);
        RaceSpectators = Next("Race Spectators", _owner.Id, _coach.Id, _outsider.Id);
        RaceCommittee = Next("Race Committee", _owner.Id, _owner.Id);
        CoachDebrief = Next("Coach Debrief", _coach.Id, _coach.Id, _owner.Id);
        CoachBoatGroup = Next("Coach Boat", _coach.Id, _coach.Id);
    }

    private void BuildDevices()
    {
        long id = 3000 + _random.Next(0, 600);
        int heartRateIndex = _random.Next(0, YachtBotCount);
        EmulatorDevice Next(string name, EmulatorDeviceKind kind, long ownerId, EmulatorGroup users, EmulatorGroup admins, int[] types)
        {
            var device = new EmulatorDevice(id, name, NewSerial(), kind, ownerId, users.Id, admins.Id, types);
            id += _random.Next(1, 5);
            Devices.Add(device);
            return device;
        }

        for (int i = 0; i < YachtBotCount; i++)
        {
            var types = i == heartRateIndex ? HeartRateBoatTypes : YachtBotTypes;
            YachtBots.Add(Next($"YB-{i + 1}", EmulatorDeviceKind.YachtBot, _owner.Id, CoachingTeam, RegattaFleet, types));
        }
        HeartRateBoat = YachtBots[heartRateIndex];
        for (int i = 0; i < WindBotCount; i++)
            WindBots.Add(Next($"WB-{i + 1}", EmulatorDeviceKind.WindBot, _owner.Id, CoachingTeam, RegattaFleet, WindBotTypes));
        CoachBoat = Next("Coach RIB", EmulatorDeviceKind.YachtBot, _coach.Id, CoachBoatGroup, CoachBoatGroup, YachtBotTypes);
    }

    private string NewSerial()
    {
        while (true)
        {
            string serial = string.Concat(
                SerialPrefixes[_random.Next(SerialPrefixes.Length)], "-",
                Letter('A', 'P'), Letter('A', 'P'), "-AA",
                Letter('A', 'Z'), Letter('A', 'Z'));
            if (_serials.Add(serial))
                return serial;
        }
    }

    private string Letter(char from, char to) => ((char)_random.Next(from, to + 1)).ToString();

    private sealed record Boat(string Name, string BoatNumber, string Crew, string Country);

    private List<Boat> BuildBoats()
    {
        var names = BoatNames.OrderBy(_ => _random.Next()).Take(YachtBotCount).ToList();
        var boats = new List<Boat>();
        var numbers = new HashSet<int>();
        foreach (string name in names)
        {
            int number;
            do number = _random.Next(100, 1000); while (!numbers.Add(number));
            string crew = string.Join(", ", Enumerable.Range(0, 2).Select(_ =>
                FirstNames[_random.Next(FirstNames.Length)] + " " + Surnames[_random.Next(Surnames.Length)]));
            boats.Add(new Boat(name, number.ToString(System.Globalization.CultureInfo.InvariantCulture), crew,
                Countries[_random.Next(Countries.Length)]));
        }
        return boats;
    }

    private sealed record SessionPlan(string Name, EmulatorSessionKind Kind, DateTimeOffset Start, DateTimeOffset? End, double WindKnots, int WindDirection);

    private List<SessionPlan> PlanSessions(int venueWind)
    {
        var plans = new List<SessionPlan>();
        (double, int) Wind() => (6 + _random.Next(0, 140) / 10.0, (venueWind + _random.Next(-30, 31) + 360) % 360);

        // Races: two or three a day, at 11:00, 13:30 and (on some days) 15:20 UTC, a few minutes late
        // and 35 to 55 minutes long, as the seed decides.
        int raceNumber = 1;
        for (int day = 0; day < RegattaDays; day++)
        {
            var midnight = RegattaStart.AddDays(day);
            bool thirdRace = _random.Next(0, 2) == 1;
            var slots = thirdRace ? new[] { (11, 0), (13, 30), (15, 20) } : new[] { (11, 0), (13, 30) };
            foreach (var (hour, minute) in slots)
            {
                var start = midnight.AddHours(hour).AddMinutes(minute + 5 * _random.Next(0, 5));
                var end = start.AddMinutes(40 + _random.Next(0, 16));
                var (knots, direction) = Wind();
                plans.Add(new SessionPlan($"{RegattaName} - Race {raceNumber++}", EmulatorSessionKind.Race, start, end, knots, direction));
            }
        }

        var lastDay = Midnight(AnchorDate);
        var (pk, pd) = Wind();
        plans.Add(new SessionPlan($"{RegattaName} - Harbour Parade", EmulatorSessionKind.Public,
            lastDay.AddDays(-2).AddHours(16).AddMinutes(45), lastDay.AddDays(-2).AddHours(17).AddMinutes(30), pk, pd));
        var (dk, dd) = Wind();
        plans.Add(new SessionPlan("Coach debrief - Day 3", EmulatorSessionKind.Debrief,
            lastDay.AddDays(-1).AddHours(17).AddMinutes(30), lastDay.AddDays(-1).AddHours(18).AddMinutes(30), dk, dd));
        var (ik, id) = Wind();
        plans.Add(new SessionPlan($"{RegattaName} - Evening training (live)", EmulatorSessionKind.Incomplete,
            lastDay.AddHours(17), null, ik, id));

        return plans.OrderBy(p => p.Start).ToList();
    }

    private void BuildSessions(List<SessionPlan> plans, List<Boat> boats, double lat, double lon)
    {
        long sessionId = 15000 + _random.Next(0, 4000);
        long entryId = 4_700_000 + _random.Next(0, 100_000);
        long objectId = 60_000 + _random.Next(0, 20_000);

        foreach (var plan in plans)
        {
            var log = new List<EmulatorSessionLogEntry>();
            var created = plan.Start.AddMinutes(-45);
            void Add(EmulatorSessionLogData data)
            {
                log.Add(new EmulatorSessionLogEntry(entryId, created, data));
                entryId += _random.Next(1, 3);
                created = created.AddMilliseconds(_random.Next(5, 20));
            }

            Add(new EmulatorLogManualWind(Math.Round(plan.WindKnots * 1.852, 3), plan.WindDirection));
            Add(new EmulatorLogCourseDirection(plan.WindDirection));

            var links = new List<EmulatorLogDevice>();
            (double Lat, double Lon) At(double metres, double bearing) => Offset(lat, lon, metres, bearing);
            int axis = plan.WindDirection;

            var windward = Buoy("Windward mark", "mark", At(1800, axis));
            var gatePort = Buoy("Leeward gate port", "gate", At(250, axis + 180 - 8));
            var gateStarboard = Buoy("Leeward gate starboard", "gate", At(250, axis + 180 + 8)) with { ConnectedBuoyId = gatePort.Id };
            gatePort = gatePort with { ConnectedBuoyId = gateStarboard.Id };
            var committee = Buoy("Committee boat", "start_boat", At(150, axis + 90));
            var pin = Buoy("Pin end", "start_pin", At(150, axis - 90));
            foreach (var buoy in new[] { windward, gatePort, gateStarboard, committee, pin })
                Add(new EmulatorLogObject(buoy));

            (string Name, EmulatorRaceObject Near)[] windSpots = [("Wind windward", windward), ("Wind leeward", gatePort), ("Wind start", committee)];
            for (int i = 0; i < WindBots.Count; i++)
            {
                var wind = new EmulatorRaceObject(objectId++, EmulatorRaceObjectType.Wind, windSpots[i].Name,
                    Latitude: windSpots[i].Near.Latitude, Longitude: windSpots[i].Near.Longitude);
                Add(new EmulatorLogObject(wind));
                links.Add(new EmulatorLogDevice(wind.Id, WindBots[i].SerialNumber));
            }

            for (int i = 0; i < boats.Count; i++)
            {
                var boat = boats[i];
                var yacht = new EmulatorRaceObject(objectId++, EmulatorRaceObjectType.Yacht, boat.Name,
                    BoatNumber: boat.BoatNumber, Crew: boat.Crew, Country: boat.Country);
                Add(new EmulatorLogObject(yacht));
                links.Add(new EmulatorLogDevice(yacht.Id, YachtBots[i].SerialNumber));
            }

            foreach (var link in links)
                Add(link);

            var (owner, group, admin, isPublic) = plan.Kind switch
            {
                EmulatorSessionKind.Race => (_owner.Id, RaceSpectators.Id, RaceCommittee.Id, false),
                EmulatorSessionKind.Public => (_owner.Id, RaceCommittee.Id, RaceCommittee.Id, true),
                EmulatorSessionKind.Debrief => (_coach.Id, CoachDebrief.Id, CoachBoatGroup.Id, false),
                _ => (_owner.Id, RaceSpectators.Id, RaceCommittee.Id, false),
            };
            Sessions.Add(new EmulatorSession(sessionId, plan.Name, plan.Kind, plan.Start, plan.End, owner, group, admin, isPublic, log));
            sessionId += _random.Next(1, 7);
        }

        EmulatorRaceObject Buoy(string name, string type, (double Lat, double Lon) position) =>
            new(objectId++, EmulatorRaceObjectType.Buoy, name, BuoyType: type, Latitude: position.Lat, Longitude: position.Lon);
    }

    private void BuildDataAccessWindows()
    {
        long id = 17000 + _random.Next(0, 3000);
        void Add(EmulatorDevice device, DateTimeOffset start, DateTimeOffset end, EmulatorPermissions permissions, long? user, long? group)
        {
            DataAccessWindows.Add(new EmulatorDataAccessWindow(id, device.SerialNumber, start, end, permissions, user, group));
            id += _random.Next(1, 4);
        }

        // The coaching team reads every fleet device for the whole regatta.
        foreach (var device in YachtBots.Concat(WindBots))
            Add(device, RegattaStart, RegattaEnd, EmulatorPermissions.ReadOnly, null, CoachingTeam.Id);

        // Spectators read the boats (not the WindBots) during each race, and nothing in between.
        foreach (var race in Sessions.Where(s => s.Kind == EmulatorSessionKind.Race))
        {
            foreach (var device in YachtBots)
                Add(device, race.StartTime, race.EndTime!.Value, EmulatorPermissions.ReadOnly, null, RaceSpectators.Id);
        }

        // The coach shares their own boat with the owner, read and modify.
        Add(CoachBoat, RegattaStart, RegattaEnd, EmulatorPermissions.ReadModify, _owner.Id, null);
    }

    private void BuildResources()
    {
        long id = 1_012_000 + _random.Next(0, 50_000);
        for (int day = 0; day < RegattaDays; day++)
        {
            var midnight = RegattaStart.AddDays(day);
            foreach (var device in Devices)
            {
                // The sensor-on span: switched on between 09:00 and 09:45, off between 17:00 and 18:00.
                var start = midnight.AddHours(9).AddSeconds(_random.Next(0, 2700));
                var end = midnight.AddHours(17).AddSeconds(_random.Next(0, 3600));
                Resources.Add(new EmulatorResource(id, device.SerialNumber, start, end, device.DataTypes));
                id += _random.Next(1, 6);
            }
        }
    }

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The point <paramref name="metres"/> away on <paramref name="bearing"/> (degrees), rounded to 6 decimals.</summary>
    private static (double Lat, double Lon) Offset(double lat, double lon, double metres, double bearing)
    {
        double radians = bearing * Math.PI / 180;
        double dLat = metres * Math.Cos(radians) / 111_320.0;
        double dLon = metres * Math.Sin(radians) / (111_320.0 * Math.Cos(lat * Math.PI / 180));
        return (Math.Round(lat + dLat, 6), Math.Round(lon + dLon, 6));
    }
}
