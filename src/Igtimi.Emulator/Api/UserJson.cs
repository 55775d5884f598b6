namespace Igtimi.Emulator.Api;

/// <summary>The inner <c>user</c> object of igtimi.com responses.</summary>
internal sealed record UserJson(long Id, string FirstName, string Surname, string Email)
{
    public static UserJson From(EmulatorUser user) => new(user.Id, user.FirstName, user.Surname, user.Email);
}
