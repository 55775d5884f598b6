using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests;

/// <summary>One in-process emulator on a free loopback port for a test class.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string DemoClientId = "dd57b25f8bcc9fd456a8283e5f17820d83439e8d1e783df1c8c8cd26f651d431";
    public const string DemoClientSecret = "a61b51ab621c9f15d73b91dc6889166d1a48a53fecd5e485da6d0fc815976bef";
    public const string OwnerToken = "7ea3784f283ea5c7feea1931db62c5f72d33f7805424814a9660250739f5d60c";
    public const string OwnerEmail = "owner@emulator.igtimi.test";
    public const string OwnerPassword = "owner-pass";

    public RunningEmulator Emulator { get; private set; } = null!;

    public Uri BaseUri => Emulator.BaseUri;

    public async Task InitializeAsync() => Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Seed = 1 });

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    public IgtimiClientOptions Options() => new(BaseUri)
    {
        Retry = new Http.RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
    };
}
