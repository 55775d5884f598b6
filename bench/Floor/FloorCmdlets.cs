using System.Management.Automation;
using Igtimi.Client.Data;

namespace IgtimiPS.Bench.Floor
{
    /// <summary>Creates the points Invoke-Floor writes, before anything is timed.</summary>
    [Cmdlet(VerbsData.Initialize, "Floor")]
    [OutputType(typeof(void))]
    public sealed class InitializeFloorCmdlet : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; }

        protected override void EndProcessing()
        {
            var points = new IgtimiDataPoint[Count];
            // Distinct small objects of the module's point types, as Get-IgtimiData writes them (one values array each).
            for (var i = 0; i < points.Length; i++)
            {
                var time = 1750000000000L + i;
                points[i] = (i % 3) switch
                {
                    0 => new IgtimiPositionPoint("DD-EE-AAGA", 0, time, new[] { 174.7 + i * 1e-7, -36.8 }),
                    1 => new IgtimiSpeedPoint("DD-EE-AAGA", 9, 0, time, new[] { 12.5 }),
                    _ => new IgtimiAnglePoint("DD-EE-AAGA", 6, 0, time, new[] { 212.0 }),
                };
            }
            FloorPoints.Points = points;
        }
    }

    /// <summary>Writes the points Initialize-Floor made, one WriteObject each: the pipeline's floor.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "Floor")]
    [OutputType(typeof(IgtimiDataPoint))]
    public sealed class InvokeFloorCmdlet : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var points = FloorPoints.Points;
            for (var i = 0; i < points.Length; i++) WriteObject(points[i]);
        }
    }

    internal static class FloorPoints
    {
        public static IgtimiDataPoint[] Points = System.Array.Empty<IgtimiDataPoint>();
    }
}
