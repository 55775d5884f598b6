# Shared tear-down for EmulatorTestSetup.ps1 and WorldTestSetup.ps1; dot-source it in AfterAll:
# every connection closed, the emulator stopped.
Get-IgtimiConnection -All | Disconnect-Igtimi
Stop-IgtimiTestEmulator $script:emu
