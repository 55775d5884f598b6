namespace Igtimi.Emulator.Hosting;

/// <summary>
/// A host lifetime that listens to no console signals, so an emulator hosted inside a test process
/// never reacts to that process's Ctrl+C. The command line handles signals itself (Program.cs).
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
