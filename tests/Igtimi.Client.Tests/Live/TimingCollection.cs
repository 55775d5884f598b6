using Xunit;

namespace Igtimi.Client.Tests;

/// <summary>
/// Tests that measure real time (live streams, heartbeats, drops) run alone, not beside the rest of
/// the suite, so a loaded two-core machine does not skew their clocks.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing-sensitive";
}
