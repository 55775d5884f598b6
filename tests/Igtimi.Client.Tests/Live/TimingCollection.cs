using Xunit;

namespace Igtimi.Client.Tests;

/// <summary>
/// Tests that measure real time (live streams, heartbeats, drops, deadlines) or process-wide allocation
/// counts run alone, not beside the rest of the suite, so a loaded two-core machine and other tests'
/// allocations do not skew what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing-sensitive";
}
