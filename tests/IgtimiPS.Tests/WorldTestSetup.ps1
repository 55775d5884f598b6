# Shared set-up for the tests of the object cmdlets: an emulator with a fixed anchor date (so the
# regatta's schedule is known) and one connection per seeded user, the owner's current.
# Tear down with EmulatorTestTeardown.ps1.
. "$PSScriptRoot/EmulatorTestSetup.ps1" -EmulatorArgs '--anchor-date', '2025-06-15'
$script:anchor = [DateTimeOffset]::new(2025, 6, 15, 0, 0, 0, [TimeSpan]::Zero)
$script:outsider = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.outsider -PassThru
$script:coach = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.coach -PassThru
$script:owner = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner -PassThru
