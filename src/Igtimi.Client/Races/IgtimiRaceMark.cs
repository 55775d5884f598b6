namespace Igtimi.Client.Races
{
    /// <summary>A mark of a race with its position; Role as the log gives it (mark, gate, start_boat, start_pin, …).</summary>
    public sealed class IgtimiRaceMark
    {
        public string Name { get; set; } = "";
        public double Latitude { get; set; }
        public double Longitude { get; set; }
        public string? Role { get; set; }

        public override string ToString() => Name;
    }
}
