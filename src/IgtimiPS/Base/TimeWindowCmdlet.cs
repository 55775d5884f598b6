using System;
using System.Management.Automation;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;
using IgtimiPS.Completers;

namespace IgtimiPS.Base
{
    /// <summary>
    /// A cmdlet filtered by serial numbers (from the pipeline too), a time window and a right. Serials
    /// from all pipeline input go out in one request at the end.
    /// </summary>
    public abstract class TimeWindowCmdlet : IgtimiSerialNumberCmdlet
    {
        [Parameter(Position = 0)]
        [Alias("DeviceSerialNumber", "Serial")]
        [ValidateSerialNumber]
        [ArgumentCompleter(typeof(SerialNumberCompleter))]
        public string[]? SerialNumber { get; set; }

        /// <summary>A device, serial number, or an object that names a device: a resource, data access window, data point, device-link log entry.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

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

        protected T Filter<T>() where T : IgtimiTimeWindowFilter, new() => new T
        {
            SerialNumbers = SerialNumbers,
            Start = Start,
            End = End,
            Permission = Permission,
        };
    }
}
