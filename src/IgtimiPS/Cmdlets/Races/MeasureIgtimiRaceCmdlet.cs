using System.Linq;
using System.Management.Automation;
using Igtimi.Client.Races;
using Igtimi.Client.Sailing;
using IgtimiPS.Base;

namespace IgtimiPS.Cmdlets.Races
{
    /// <summary>
    /// One summary per boat of a race (distance, elapsed time, SOG, VMG, tacks and gybes, legs, start line distance, polar),
    /// ranked; with -Polar, the boats' polar tables instead.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "IgtimiRace", DefaultParameterSetName = RaceSet)]
    [OutputType(typeof(IgtimiBoatSummary), typeof(IgtimiPolarCell))]
    public sealed class MeasureIgtimiRaceCmdlet : RaceAnalysisCmdlet
    {
        /// <summary>Writes each boat's polar table cells (for Export-Csv) instead of the summaries.</summary>
        [Parameter]
        public SwitchParameter Polar { get; set; }

        protected override void Write(IgtimiRace race, IgtimiRaceAnalysis analysis)
        {
            foreach (var summary in analysis.Summaries)
            {
                if (!Polar) WriteObject(summary);
                else if (summary.Polar != null) foreach (var cell in summary.Polar.Cells) WriteObject(cell);
            }
            if (Polar && analysis.Summaries.All(s => s.Polar is null)) WriteWarning($"{race.Name}: no boat has a polar table (no wind, or no SOG).");
        }
    }
}
