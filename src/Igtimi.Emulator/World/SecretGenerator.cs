using System.Security.Cryptography;

namespace Igtimi.Emulator;

/// <summary>Random secrets (tokens, codes, cookies) in igtimi.com's style: 64 lowercase hex characters.</summary>
internal static class SecretGenerator
{
    public static string NewHex64() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Compares two secrets in constant time for equal lengths.</summary>
    public static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected),
            System.Text.Encoding.UTF8.GetBytes(actual));
}
