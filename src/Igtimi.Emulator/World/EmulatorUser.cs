namespace Igtimi.Emulator;

/// <summary>A user account of the emulated server. <see cref="Password"/> is an emulator-only test value.</summary>
public sealed record EmulatorUser(long Id, string FirstName, string Surname, string Email, string Password);
