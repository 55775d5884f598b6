# Shared set-up of the test files that need one emulator; dot-source it in BeforeAll, and
# EmulatorTestTeardown.ps1 in AfterAll:
#   BeforeAll { . "$PSScriptRoot/EmulatorTestSetup.ps1" [-EmulatorArgs '--anchor-date', '2025-06-15'] }
# TestSetup.ps1, then $emu: an emulator started with the given extra arguments.
param([string[]] $EmulatorArgs = @())
. "$PSScriptRoot/TestSetup.ps1"
$script:emu = Start-IgtimiTestEmulator -ExtraArgs $EmulatorArgs
