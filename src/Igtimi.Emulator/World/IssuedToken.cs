namespace Igtimi.Emulator;

/// <summary>An access token and whom it acts for. Tokens do not expire (as on igtimi.com).</summary>
public sealed record IssuedToken(string Value, long UserId, string ClientId, DateTimeOffset CreatedAt);
