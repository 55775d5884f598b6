using System.Net;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Igtimi.Emulator;

/// <summary>
/// SAP's authentication (docs/design/sap-dialect.md sections 2.1 and 2.2), shared by the security API, the gateway and the live socket:
/// credentials are tried in the order <c>Authorization: Bearer</c> (scheme case-insensitive), <c>Authorization: Basic user:password</c>,
/// then the form fields <c>username</c>/<c>password</c> of a form POST (on the WebSocket upgrade: those query parameters); the first
/// kind present decides. Brute-force locks: a failed bearer login locks the client IP for bearer logins, a failed password locks that
/// user, first for <see cref="LockMs"/>, doubling with each further failure up to <see cref="LockMaxMs"/>; a success resets it; while
/// locked even good credentials fail (and a refused attempt does not lengthen the lock). Lock times run on
/// <see cref="EmulatorOptions.Clock"/>. Thread-safe.
/// </summary>
public sealed class SapSecurity
{
    private readonly EmulatorWorld _world;
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private readonly Dictionary<string, LockState> _addressLocks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LockState> _userLocks = new(StringComparer.Ordinal);
    private long _tokenRequests, _tokenFailures, _failedLogins, _lockedRejections, _anonymousFallbacks;

    internal SapSecurity(EmulatorWorld world, EmulatorOptions options, TimeProvider clock)
    {
        _world = world;
        _clock = clock;
        LockMs = options.SapLockMs;
        LockMaxMs = options.SapLockMaxMs;
    }

    /// <summary>The first lock after a failed login, in ms (0: no locks).</summary>
    public int LockMs { get; }

    /// <summary>The longest lock, in ms.</summary>
    public int LockMaxMs { get; }

    /// <summary>Requests to <c>/security/api/restsecurity/access_token</c>.</summary>
    public long AccessTokenRequestCount => Interlocked.Read(ref _tokenRequests);

    /// <summary>Of those, the ones answered with 401.</summary>
    public long AccessTokenFailureCount => Interlocked.Read(ref _tokenFailures);

    /// <summary>Failed logins anywhere (bad token, bad password, unknown user), locked attempts not included.</summary>
    public long FailedLoginCount => Interlocked.Read(ref _failedLogins);

    /// <summary>Attempts refused because the IP (bearer) or the user (password) was locked.</summary>
    public long LockedRejectionCount => Interlocked.Read(ref _lockedRejections);

    /// <summary>Gateway and live requests that carried credentials and were processed as <c>&lt;all&gt;</c> because they failed.</summary>
    public long AnonymousFallbackCount => Interlocked.Read(ref _anonymousFallbacks);

    /// <summary>Whether bearer logins from this address are locked right now.</summary>
    public bool IsAddressLocked(IPAddress address) => IsLocked(_addressLocks, address.ToString());

    /// <summary>Whether password logins of this SAP user name are locked right now.</summary>
    public bool IsUserLocked(string userName) => IsLocked(_userLocks, userName);

    /// <summary>Forgets every lock and failure count.</summary>
    public void ClearLocks()
    {
        lock (_gate)
        {
            _addressLocks.Clear();
            _userLocks.Clear();
        }
    }

    internal enum CredentialKind
    {
        None,
        Bearer,
        Basic,
        Form,
    }

    /// <summary>The outcome of a login: the user (null when none or failed), which credentials were given, and whether a lock refused them.</summary>
    internal readonly record struct Outcome(EmulatorUser? User, CredentialKind Kind, bool Locked);

    /// <summary>
    /// Authenticates a request. <paramref name="allowForm"/>: take <c>username</c>/<c>password</c> from a form-encoded POST body;
    /// <paramref name="allowQuery"/>: from the query (the WebSocket upgrade). <paramref name="applyLocks"/> false checks the
    /// credentials without reading or changing any lock or counter (the echo helper).
    /// </summary>
    internal async Task<Outcome> AuthenticateAsync(HttpRequest request, bool allowForm, bool allowQuery, bool applyLocks = true)
    {
        string? header = request.Headers[HeaderNames.Authorization];
        if (Credential(header, "Bearer") is { } token)
            return Bearer(token.Trim(), request.HttpContext.Connection.RemoteIpAddress, applyLocks);
        if (Credential(header, "Basic") is { } basic)
        {
            string? decoded = null;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(basic.Trim()));
            }
            catch (FormatException)
            {
            }
            int colon = decoded?.IndexOf(':') ?? -1;
            return colon < 0
                ? Fail(CredentialKind.Basic, applyLocks)
                : Password(decoded![..colon], decoded[(colon + 1)..], CredentialKind.Basic, applyLocks);
        }
        if (allowForm && HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            request.EnableBuffering();
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            request.Body.Position = 0;
            if (form.ContainsKey("username") || form.ContainsKey("password"))
                return Password(form["username"].ToString(), form["password"].ToString(), CredentialKind.Form, applyLocks);
        }
        if (allowQuery && (request.Query.ContainsKey("username") || request.Query.ContainsKey("password")))
            return Password(request.Query["username"].ToString(), request.Query["password"].ToString(), CredentialKind.Form, applyLocks);
        return new Outcome(null, CredentialKind.None, false);
    }

    internal void AccessTokenRequested(bool failed)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (failed)
            Interlocked.Increment(ref _tokenFailures);
    }

    internal void AnonymousFallback() => Interlocked.Increment(ref _anonymousFallbacks);

    private static string? Credential(string? header, string scheme) =>
        header is not null && header.Length > scheme.Length && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header[scheme.Length] == ' '
            ? header[(scheme.Length + 1)..]
            : null;

    private Outcome Bearer(string token, IPAddress? address, bool applyLocks)
    {
        string key = address?.ToString() ?? "unknown";
        if (applyLocks && IsLocked(_addressLocks, key))
            return Refused(CredentialKind.Bearer);
        var user = token.Length == 0 ? null : _world.FindSapToken(token);
        if (applyLocks)
            Record(_addressLocks, key, success: user is not null);
        return user is null ? Fail(CredentialKind.Bearer, applyLocks) : new Outcome(user, CredentialKind.Bearer, false);
    }

    private Outcome Password(string userName, string password, CredentialKind kind, bool applyLocks)
    {
        var known = _world.FindSapUser(userName);
        if (applyLocks && known is not null && IsLocked(_userLocks, userName))
            return Refused(kind);
        var user = _world.FindSapUserByPassword(userName, password);
        if (applyLocks && known is not null)
            Record(_userLocks, userName, success: user is not null);
        return user is null ? Fail(kind, applyLocks) : new Outcome(user, kind, false);
    }

    private Outcome Fail(CredentialKind kind, bool applyLocks)
    {
        if (applyLocks)
            Interlocked.Increment(ref _failedLogins);
        return new Outcome(null, kind, false);
    }

    private Outcome Refused(CredentialKind kind)
    {
        Interlocked.Increment(ref _lockedRejections);
        return new Outcome(null, kind, true);
    }

    private sealed class LockState
    {
        public int Failures;
        public long LockedUntil;
    }

    private bool IsLocked(Dictionary<string, LockState> locks, string key)
    {
        lock (_gate)
            return locks.TryGetValue(key, out var state) && state.LockedUntil > _clock.GetTimestamp();
    }

    private void Record(Dictionary<string, LockState> locks, string key, bool success)
    {
        lock (_gate)
        {
            if (success)
            {
                locks.Remove(key);
                return;
            }
            if (LockMs <= 0)
                return;
            if (!locks.TryGetValue(key, out var state))
                locks[key] = state = new LockState();
            state.Failures++;
            double ms = Math.Min(LockMaxMs, LockMs * Math.Pow(2, Math.Min(30, state.Failures - 1)));
            state.LockedUntil = _clock.GetTimestamp() + (long)(ms * _clock.TimestampFrequency / 1000);
        }
    }
}
