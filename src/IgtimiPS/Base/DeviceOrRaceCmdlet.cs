using System;
using System.Collections.Generic;
using System.Management.Automation;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Errors;

namespace IgtimiPS.Base
{
    /// <summary>
    /// A data cmdlet that takes races as well as devices from the pipeline (Get-IgtimiData, Save-IgtimiData). A race (Get-IgtimiRace,
    /// New-IgtimiRace, or a deserialized copy of one: <see cref="RaceInput"/>) gives its boats and, unless -Start and -End are given,
    /// its window; any other object stands for a device, as in <see cref="IgtimiSerialNumberCmdlet"/>. The deriving cmdlet declares
    /// Start and End (DateTimeOffset, optional where races come in), handles <see cref="PipedRaces"/> in EndProcessing, and then the
    /// devices when <see cref="HasDevices"/>.
    /// </summary>
    public abstract class DeviceOrRaceCmdlet : IgtimiSerialNumberCmdlet
    {
        private const string InputObjectParameter = "InputObject";
        private const string StartParameter = "Start";
        private const string EndParameter = "End";

        private readonly List<RaceInput> _races = new List<RaceInput>();

        /// <summary>What the cmdlet does with a race's data, for messages: "download", "archive".</summary>
        protected abstract string RaceAction { get; }

        protected bool HasStart => MyInvocation.BoundParameters.ContainsKey(StartParameter);

        protected bool HasEnd => MyInvocation.BoundParameters.ContainsKey(EndParameter);

        protected override void ProcessRecord()
        {
            if (MyInvocation.BoundParameters.TryGetValue(InputObjectParameter, out var input) &&
                RaceInput.TryRead(input as PSObject ?? (input is null ? null : PSObject.AsPSObject(input)), out var race))
            {
                if (race.SerialNumbers.Count == 0)
                {
                    WriteWarning($"The race '{race.Name}' has no boats, so {MyInvocation.MyCommand.Name} has nothing to {RaceAction} for it.");
                    return;
                }
                _races.Add(race);
                return;
            }
            base.ProcessRecord();
        }

        /// <summary>
        /// The races from the pipeline, each with its boats' serial numbers and the window to use: -Start and -End where given, else
        /// the race's own. A race whose window is empty or whose serial numbers are not valid is a non-terminating error and left out.
        /// </summary>
        protected IEnumerable<PipedRace> PipedRaces()
        {
            foreach (var race in _races)
            {
                var start = HasStart ? (DateTimeOffset)MyInvocation.BoundParameters[StartParameter] : race.Start;
                var end = HasEnd ? (DateTimeOffset)MyInvocation.BoundParameters[EndParameter] : race.End;
                if (start > end)
                {
                    WriteError(ErrorRecords.Create($"The window of the race '{race.Name}' is empty: {start.UtcDateTime:u} is after {end.UtcDateTime:u}.",
                        ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, race.Name));
                    continue;
                }
                IgtimiSerialNumbers serials;
                try
                {
                    serials = IgtimiSerialNumbers.From(race.SerialNumbers);
                }
                catch (ArgumentException ex)
                {
                    WriteError(ErrorRecords.Create($"The race '{race.Name}' names a device that cannot be asked for: {ex.Message}",
                        ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, race.Name, inner: ex));
                    continue;
                }
                WriteVerbose($"Race '{race.Name}': {serials.Count} boat(s), {start.UtcDateTime:u} to {end.UtcDateTime:u}.");
                yield return new PipedRace(race, serials, start, end);
            }
        }

        /// <summary>
        /// True when devices were given (by -SerialNumber or from the pipeline), not only races; they need -Start and -End, and
        /// without them the cmdlet stops with IgtimiInvalidParameter.
        /// </summary>
        protected bool HasDevices()
        {
            if (PipelineGaveNoDevice || (_races.Count > 0 && SerialNumbers.IsEmpty)) return false;
            if (!HasStart || !HasEnd)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    $"{MyInvocation.MyCommand.Name} needs -Start and -End for devices; only a race brings its own window.",
                    ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, SerialNumbers,
                    "Give -Start and -End, or pipe races (Get-IgtimiRace, New-IgtimiRace)."));
            }
            return true;
        }

        /// <summary>A race from the pipeline with the serial numbers and window its data is taken for.</summary>
        protected sealed class PipedRace
        {
            internal PipedRace(RaceInput race, IgtimiSerialNumbers serialNumbers, DateTimeOffset start, DateTimeOffset end)
            {
                Name = race.Name;
                BoatNames = race.BoatNames;
                SerialNumbers = serialNumbers;
                Start = start;
                End = end;
            }

            public string Name { get; }
            public IgtimiSerialNumbers SerialNumbers { get; }
            public DateTimeOffset Start { get; }
            public DateTimeOffset End { get; }

            /// <summary>Serial number → boat name, for the boats that have one.</summary>
            public IReadOnlyDictionary<string, string> BoatNames { get; }
        }
    }
}
