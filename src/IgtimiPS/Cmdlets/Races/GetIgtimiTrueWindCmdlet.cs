using System.Management.Automation;
using Igtimi.Client.Data;
using Igtimi.Client.Races;
using Igtimi.Client.Sailing;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Races
{
    /// <summary>
    /// The true wind each boat of a race sailed in, as data points of types twd (22) and tws (23) under the boat's serial
    /// number, which Export-IgtimiData writes like any other points.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "IgtimiTrueWind", DefaultParameterSetName = RaceSet)]
    [OutputType(typeof(IgtimiAnglePoint), typeof(IgtimiSpeedPoint))]
    public sealed class GetIgtimiTrueWindCmdlet : RaceAnalysisCmdlet
    {
        protected override void Write(IgtimiRace race, IgtimiRaceAnalysis analysis)
        {
            foreach (var series in analysis.TrueWind)
                foreach (var point in series.Points()) WriteObject(point);
        }
    }
}
