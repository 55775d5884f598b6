using System;
using System.Collections.Generic;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client.Api
{
    /// <summary>Serial numbers, a time window and a right: the filters of resources and data access windows.</summary>
    public class IgtimiTimeWindowFilter
    {
        public IgtimiSerialNumbers SerialNumbers { get; set; } = IgtimiSerialNumbers.None;
        public DateTimeOffset? Start { get; set; }
        public DateTimeOffset? End { get; set; }
        public IgtimiPermission? Permission { get; set; }

        /// <summary>Throws when the window is inverted or out of the API's time range, before any request.</summary>
        public virtual void Validate()
        {
            if (Start.HasValue && End.HasValue && Start.Value > End.Value)
                throw new ArgumentException($"The start ({Start.Value.UtcDateTime:u}) is after the end ({End.Value.UtcDateTime:u}).");
            TimeWindow.CheckPlausible(Start, End);
        }
    }

    public sealed class IgtimiResourceFilter : IgtimiTimeWindowFilter
    {
        public IReadOnlyCollection<long> StreamIds { get; set; } = Array.Empty<long>();
    }

    public sealed class IgtimiSessionFilter
    {
        /// <summary>True: only public sessions.</summary>
        public bool? Public { get; set; }

        public int? Limit { get; set; }

        public bool IncludeIncomplete { get; set; }

        public void Validate()
        {
            if (Limit.HasValue && Limit.Value < 1) throw new ArgumentException("The limit must be at least 1.");
        }
    }
}
