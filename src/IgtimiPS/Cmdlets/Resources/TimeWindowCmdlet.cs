using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Igtimi.Client;
using Igtimi.Client.Models;
using IgtimiPS.Base;
using IgtimiPS.Completers;

namespace IgtimiPS.Cmdlets.Resources
{
    /// <summary>
    /// A cmdlet filtered by serial numbers (from the pipeline too), a time window and a right. Serials
    /// from all pipeline input go out in one request at the end.
    /// </summary>
    public abstract class TimeWindowCmdlet : IgtimiConnectedCmdlet
    {
        private readonly SerialNumberSet _serials = new SerialNumberSet();

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateNotNullOrEmpty]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string[]? SerialNumber { get; set; }

        /// <summary>Objects overlapping the window from this time on.</summary>
        [Parameter]
        [Alias("StartTime", "From")]
        public DateTimeOffset? Start { get; set; }

        [Parameter]
        [Alias("EndTime", "To")]
        public DateTimeOffset? End { get; set; }

        [Parameter]
        public IgtimiPermission? Permission { get; set; }

        protected override void BeginProcessing()
        {
            if (Start.HasValue && End.HasValue && Start.Value > End.Value)
                ThrowInvalidArgument(new ArgumentException($"-Start ({Start.Value.UtcDateTime:u}) is after -End ({End.Value.UtcDateTime:u})."), Start);
        }

        protected override void ProcessRecord()
        {
            _serials.Add(SerialNumber);
        }

        protected T Filter<T>() where T : IgtimiTimeWindowFilter, new() => new T
        {
            SerialNumbers = _serials.ToList(),
            Start = Start,
            End = End,
            Permission = Permission,
        };
    }
}
