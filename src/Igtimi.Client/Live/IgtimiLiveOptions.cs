using System;
using System.Collections.Generic;
using Igtimi.Client.Models;

namespace Igtimi.Client.Live
{
    /// <summary>What to watch and the protocol's intervals (the defaults are the Igtimi protocol's).</summary>
    public sealed class IgtimiLiveOptions
    {
        public IReadOnlyList<string> SerialNumbers { get; set; } = Array.Empty<string>();

        /// <summary>Only these types are passed on; null passes every type.</summary>
        public IReadOnlyCollection<int>? Types { get; set; }

        /// <summary>How often the client sends its heartbeat "1" (protocol: 15 s).</summary>
        public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>Silence (no heartbeat, no data) after which the link counts as dead (protocol: 45 s).</summary>
        public TimeSpan SilenceLimit { get; set; } = TimeSpan.FromSeconds(45);

        /// <summary>How long to wait for the server's timestamp after sending the config (SAP's client: 5 s).</summary>
        public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Fetch what was missed from resources/data after every reconnect.</summary>
        public bool GapFill { get; set; } = true;

        /// <summary>Servers to use instead of asking the server lister.</summary>
        public IReadOnlyList<Uri>? Servers { get; set; }

        /// <summary>Longest wait between reconnect rounds.</summary>
        public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

        public void Validate()
        {
            if (IgtimiSerialNumbers.From(SerialNumbers).IsEmpty) throw new ArgumentException("At least one serial number is needed.");
            if (HeartbeatInterval < TimeSpan.FromMilliseconds(10) || HeartbeatInterval > TimeSpan.FromHours(1))
                throw new ArgumentException($"The heartbeat interval must be between 10 ms and 1 hour, not {HeartbeatInterval}.");
            if (SilenceLimit <= HeartbeatInterval) throw new ArgumentException("The silence limit must be longer than the heartbeat interval.");
            if (SilenceLimit > TimeSpan.FromDays(1)) throw new ArgumentException($"The silence limit must be at most 1 day, not {SilenceLimit}.");
            if (HandshakeTimeout <= TimeSpan.Zero || HandshakeTimeout > TimeSpan.FromMinutes(10))
                throw new ArgumentException($"The handshake timeout must be between 0 and 10 minutes, not {HandshakeTimeout}.");
            if (MaxReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay > TimeSpan.FromHours(1))
                throw new ArgumentException($"The longest reconnect delay must be between 0 and 1 hour, not {MaxReconnectDelay}.");
        }
    }

    /// <summary>What happened on the live link.</summary>
    public enum IgtimiLiveEventKind
    {
        Connecting,
        Connected,
        ServerUnavailable,
        Disconnected,
        Reconnecting,
        GapFilled,
        Stopped,
    }

    /// <summary>One event of the live link, for -Verbose and the information stream.</summary>
    public sealed class IgtimiLiveEvent
    {
        public IgtimiLiveEvent(IgtimiLiveEventKind kind, Uri? server, string message, DateTimeOffset? serverTime = null, long? count = null)
        {
            Kind = kind;
            Server = server;
            Message = message;
            ServerTime = serverTime;
            Count = count;
            Time = DateTimeOffset.UtcNow;
        }

        public IgtimiLiveEventKind Kind { get; }
        public Uri? Server { get; }
        public string Message { get; }

        /// <summary>The server's clock as it replied to the config (UTC), on Connected events.</summary>
        public DateTimeOffset? ServerTime { get; }

        /// <summary>Points fetched by a gap fill, on GapFilled events.</summary>
        public long? Count { get; }

        public DateTimeOffset Time { get; }

        public override string ToString() => Message;
    }
}
