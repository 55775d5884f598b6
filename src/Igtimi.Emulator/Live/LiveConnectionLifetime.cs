using System.Net.WebSockets;

namespace Igtimi.Emulator;

/// <summary>
/// The life of one live WebSocket connection, the same in both flavors: the receive loop and the tick loop (heartbeats,
/// frames, timers) run side by side until either ends; when the server stops or closes the link itself, the close
/// handshake is finished briefly; in the end the connection's close is recorded for <c>/_emulator/live_connections</c>.
/// </summary>
internal static class LiveConnectionLifetime
{
    public static async Task RunAsync(HttpContext http, LiveSocketWriter writer, LiveCloseTracker closes, LiveServers servers,
        Func<CancellationToken, Task> receiveLoop, Func<CancellationToken, Task> tickLoop, WebSocketCloseStatus stopStatus, string stopReason,
        CancellationToken stopping)
    {
        using var receiveCts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        using var tickCts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var receive = receiveLoop(receiveCts.Token);
        var tick = tickLoop(tickCts.Token);
        try
        {
            await Task.WhenAny(receive, tick);
            tickCts.Cancel();
            await Quietly(tick);
            if (!receive.IsCompleted && !http.RequestAborted.IsCancellationRequested)
            {
                if (!writer.CloseSent)
                    await writer.CloseAsync(stopStatus, stopReason);
                await Task.WhenAny(receive, Task.Delay(LiveSocketWriter.CloseWait, CancellationToken.None));
            }
        }
        finally
        {
            receiveCts.Cancel();
            await Quietly(receive);
            writer.Dispose();
            servers.RecordClose(closes.Finish());
        }
    }

    /// <summary>Awaits a loop whose end by cancellation or a broken socket is expected.</summary>
    public static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
        }
    }
}
