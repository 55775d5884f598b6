namespace Igtimi.Emulator.Oauth;

/// <summary>
/// Rails-style <c>authenticity_token</c> values: one random token per rendered form, single use, valid for
/// an hour, and bound to the login session that saw the form (the empty string before sign-in).
/// </summary>
internal sealed class FormTokens(TimeProvider clock) : ExpiringStore<string>(clock, TimeSpan.FromHours(1))
{
    public const string FieldName = "authenticity_token";

    public string Issue(string? sessionId)
    {
        string token = SecretGenerator.NewHex64();
        Add(token, sessionId ?? string.Empty);
        return token;
    }

    public bool Verify(string? token, string? sessionId) =>
        !string.IsNullOrEmpty(token)
        && TryTake(token, out string boundSession)
        && boundSession == (sessionId ?? string.Empty);
}
