using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Igtimi.Client.Races;
using Igtimi.Client.Sailing;
using IgtimiPS.Arguments;
using IgtimiPS.Completers;

namespace IgtimiPS.Base
{
    /// <summary>
    /// A cmdlet that measures races: from the pipeline (IgtimiRace objects) or from a window and serial numbers (SAP has no sessions),
    /// downloads the boats' and wind stations' data and hands each race's analysis to the deriving cmdlet.
    /// </summary>
    public abstract class RaceAnalysisCmdlet : IgtimiConnectedCmdlet
    {
        protected const string RaceSet = "Race";
        protected const string WindowSet = "Window";

        /// <summary>A race; also a copy of one read back with Import-Clixml.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RaceSet)]
        [RaceTransformation]
        [ValidateNotNull]
        public IgtimiRace InputObject { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = WindowSet)]
        [Alias("StartTime", "From")]
        public DateTimeOffset Start { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = WindowSet)]
        [Alias("EndTime", "To")]
        public DateTimeOffset End { get; set; }

        /// <summary>The boats' devices.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = WindowSet)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string[] SerialNumber { get; set; } = null!;

        /// <summary>The boats' names, in the order of -SerialNumber.</summary>
        [Parameter(ParameterSetName = WindowSet)]
        [ValidateNotNullOrEmpty]
        public string[]? BoatName { get; set; }

        /// <summary>Wind stations (WindBots); by default the race's wind sensors, else its devices that record wind and do not move.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string[]? WindStation { get; set; }

        /// <summary>How close a boat must come to a mark (or a gate's or line's segment) to pass it, metres.</summary>
        [Parameter]
        [ValidateRange(1.0, 5000.0)]
        public double RoundingRadius { get; set; } = 50;

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        protected override void BeginProcessing()
        {
            if (ParameterSetName != WindowSet) return;
            if (Start > End) ThrowInvalidArgument(new ArgumentException($"-Start ({Start.UtcDateTime:u}) is after -End ({End.UtcDateTime:u})."), Start);
            if (BoatName != null && BoatName.Length > SerialNumber.Length)
                ThrowInvalidArgument(new ArgumentException($"-BoatName gives {BoatName.Length} names for {SerialNumber.Length} serial number(s)."), BoatName);
        }

        protected override void ProcessRecord()
        {
            var race = ParameterSetName == RaceSet ? InputObject : WindowRace();
            var connection = ResolveConnection();
            var measurement = new IgtimiRaceMeasurement(connection)
            {
                Options = new IgtimiRaceAnalysisOptions { RoundingRadiusMetres = RoundingRadius },
                Warning = EmitWarning,
                ThrottleLimit = ThrottleLimit,
            };
            IgtimiRaceAnalysis? analysis = null;
            try
            {
                RunApiCall(async ct => analysis = await measurement.MeasureAsync(race, WindStation, ct).ConfigureAwait(false), race);
            }
            catch (ArgumentException ex)
            {
                ThrowInvalidArgument(ex, race);
            }
            if (analysis != null) Write(race, analysis);
        }

        /// <summary>Writes one race's results (on the pipeline thread).</summary>
        protected abstract void Write(IgtimiRace race, IgtimiRaceAnalysis analysis);

        private IgtimiRace WindowRace()
        {
            var boats = new List<IgtimiRaceBoat>();
            for (var i = 0; i < SerialNumber.Length; i++)
                boats.Add(new IgtimiRaceBoat
                {
                    SerialNumber = SerialNumber[i].Trim(),
                    BoatName = BoatName != null && i < BoatName.Length ? BoatName[i] : null,
                });
            return new IgtimiRace
            {
                Name = $"{Start.UtcDateTime:yyyy-MM-dd HH:mm}–{End.UtcDateTime:HH:mm} UTC",
                Start = Start,
                End = End,
                Boats = boats.GroupBy(b => b.SerialNumber, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList(),
            };
        }
    }
}
