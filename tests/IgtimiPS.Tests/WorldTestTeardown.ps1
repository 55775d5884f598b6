Get-IgtimiConnection -All | Disconnect-Igtimi
Stop-IgtimiTestEmulator $script:emu
