namespace Igtimi.Client.Races
{
    /// <summary>A boat of a race: the device on board and what the session log says of it.</summary>
    public sealed class IgtimiRaceBoat
    {
        public string SerialNumber { get; set; } = "";
        public string? BoatName { get; set; }
        public string? SailNumber { get; set; }
        public string? Crew { get; set; }
        public string? Colour { get; set; }

        public override string ToString() => BoatName ?? SerialNumber;
    }
}
