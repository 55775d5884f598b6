using System;
using System.Management.Automation;
using Igtimi.Client.Races;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Completers;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Races
{
    /// <summary>
    /// Makes a race without a session: a time window and the boats' serial numbers, with boat names if given. Works offline and
    /// in both dialects; it is how races are made on SAP's server, which keeps no sessions. Changes nothing on any server; it
    /// supports -WhatIf as every New- cmdlet of the module does.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "IgtimiRace", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(IgtimiRace))]
    public sealed class NewIgtimiRaceCmdlet : IgtimiCmdlet
    {
        [Parameter(Mandatory = true)]
        [Alias("StartTime", "From")]
        public DateTimeOffset Start { get; set; }

        [Parameter(Mandatory = true)]
        [Alias("EndTime", "To")]
        public DateTimeOffset End { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string[] SerialNumber { get; set; } = null!;

        /// <summary>Boat names, one per serial number in the same order.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? BoatName { get; set; }

        /// <summary>The race's name; by default "Race" and its start time.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        private readonly System.Collections.Generic.List<string> _serials = new System.Collections.Generic.List<string>();

        protected override void ProcessRecord() => _serials.AddRange(SerialNumber);

        protected override void EndProcessing()
        {
            IgtimiRace race;
            try
            {
                race = IgtimiRace.Create(Name, Start, End, _serials, BoatName);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, _serials, inner: ex));
                return;
            }
            if (ShouldProcess($"{race.Name} ({race.Boats.Count} boat(s), {race.Start.UtcDateTime:u} to {race.End.UtcDateTime:u})", "Make a race object"))
                WriteObject(race);
        }
    }
}
