# Every table view of IgtimiPS.Format.ps1xml rendered at 80 columns with the emulator's data, in both flavors:
# no line longer than 80, no header that wraps onto a second line, no header label cut short (a column too narrow
# for its own name, such as a two-character "Da").

BeforeAll {
    . "$PSScriptRoot/TestSetup.ps1"
    $script:common = @('--anchor-date', '2025-06-15')
    $script:igtEmu = Start-IgtimiTestEmulator -ExtraArgs $common
    $script:sapEmu = Start-IgtimiTestEmulator -ExtraArgs ($common + '--flavor', 'sap', '--sap-lock-ms', '0')
    $script:t11 = [DateTimeOffset]::new(2025, 6, 15, 11, 0, 0, [TimeSpan]::Zero)
    $script:igt = Connect-Igtimi -BaseUri $igtEmu.BaseUri -AccessToken $secrets.Tokens.owner -PassThru
    $script:sap = Connect-Igtimi -BaseUri $sapEmu.BaseUri -AccessToken $secrets.SapTokens.owner -PassThru

    # The problems of one rendered table: over-long lines, headers of more than one line, labels cut short.
    function Get-TableProblem {
        param([string] $Text)
        $lines = $Text -split '\r?\n'
        for ($i = 0; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            if ($line.Length -gt 80) { "line $i is $($line.Length) characters: $line" }
            if ($line -notmatch '^[ -]*-[ -]*$') { continue }
            # A header separator: the line above holds the labels, the one above that must be blank.
            if ($i -lt 1) { "a separator without labels"; continue }
            if ($i -ge 2 -and $lines[$i - 2].Trim()) { "the header above line $i wraps: '$($lines[$i - 2])' / '$($lines[$i - 1])'" }
            $labels = $lines[$i - 1]
            foreach ($dash in [regex]::Matches($line, '-+')) {
                $label = if ($labels.Length -gt $dash.Index) { $labels.Substring($dash.Index, [Math]::Min($dash.Length, $labels.Length - $dash.Index)).Trim() } else { '' }
                if ($label.Length -ne $dash.Length -or $label.Contains([char]0x2026)) { "the label '$label' over column $($dash.Index) is cut short" }
            }
        }
    }
}

AfterAll {
    Get-IgtimiConnection -All | Disconnect-Igtimi
    Stop-IgtimiTestEmulator $igtEmu
    Stop-IgtimiTestEmulator $sapEmu
}

Describe 'Table views at 80 columns' {
    BeforeDiscovery {
        $both = @(
            @{ View = 'connections'; Command = { Get-IgtimiConnection -All } }
            @{ View = 'account'; Command = { Get-IgtimiAccount -Connection $c } }
            @{ View = 'devices'; Command = { Get-IgtimiDevice -Connection $c } }
            @{ View = 'data access windows'; Command = { Get-IgtimiDataAccessWindow -Connection $c | Select-Object -First 8 } }
            @{ View = 'data types'; Command = { Get-IgtimiDataType -Connection $c } }
            @{ View = 'live servers'; Command = { Get-IgtimiLiveServer -Connection $c } }
            @{ View = 'mixed points'; Command = { Get-IgtimiData -SerialNumber $yb1, $wb1 -Start $t11 -End $t11.AddSeconds(2) -Connection $c } }
            @{ View = 'mixed points (Format-Table)'; Command = { Get-IgtimiData -SerialNumber $yb1 -Start $t11 -End $t11.AddSeconds(2) -Connection $c | Format-Table } }
            @{ View = '-Raw blocks'; Command = { Get-IgtimiData -SerialNumber $yb1, $wb1 -Start $t11 -End $t11.AddMinutes(5) -Raw -Connection $c } }
            @{ View = 'latest data'; Command = { Get-IgtimiLatestData -SerialNumber (Get-IgtimiDevice -Connection $c).SerialNumber -Type 1 -Connection $c } }
            @{ View = 'position view'; Command = { Get-IgtimiData -SerialNumber $yb1 -Type 1 -Start $t11 -End $t11.AddSeconds(2) -Connection $c | Format-Table -View IgtimiPositionPoint } }
            @{ View = 'speed view'; Command = { Get-IgtimiData -SerialNumber $yb1 -Type 9 -Start $t11 -End $t11.AddSeconds(2) -Connection $c | Format-Table -View IgtimiSpeedPoint } }
            @{ View = 'angle view'; Command = { Get-IgtimiData -SerialNumber $yb1 -Type 6 -Start $t11 -End $t11.AddSeconds(2) -Connection $c | Format-Table -View IgtimiAnglePoint } }
            @{ View = 'value view'; Command = { Get-IgtimiData -SerialNumber $yb1 -Type 3 -Start $t11 -End $t11.AddSeconds(2) -Connection $c | Format-Table -View IgtimiValuePoint } }
        )
        $script:cases = @(foreach ($flavor in 'Igtimi', 'Sap') { foreach ($case in $both) { $case + @{ Flavor = $flavor } } })
        $script:cases += @(
            @{ Flavor = 'Igtimi'; View = 'users'; Command = { Get-IgtimiUser -Connection $c } }
            @{ Flavor = 'Igtimi'; View = 'groups'; Command = { Get-IgtimiGroup -Connection $c } }
            @{ Flavor = 'Igtimi'; View = 'sessions'; Command = { Get-IgtimiSession -Connection $c } }
            @{ Flavor = 'Igtimi'; View = 'session log'; Command = { Get-IgtimiSession -Connection $c | Select-Object -First 2 | Get-IgtimiSessionLog -Connection $c } }
            @{ Flavor = 'Igtimi'; View = 'resources'; Command = { Get-IgtimiResource -Connection $c } }
            @{ Flavor = 'Igtimi'; View = 'races'; Command = { Get-IgtimiRace -Name '*Race 1*' -Connection $c } }
            @{ Flavor = 'Igtimi'; View = 'race boats'; Command = { (Get-IgtimiRace -Name '*Race 1' -Connection $c).Boats } }
            @{ Flavor = 'Igtimi'; View = 'race marks'; Command = { (Get-IgtimiRace -Name '*Race 1' -Connection $c).Marks } }
            @{ Flavor = 'Sap'; View = 'new race'; Command = { New-IgtimiRace -Start $t11 -End $t11.AddMinutes(45) -SerialNumber $yb1, $wb1 -BoatName A } }
            @{ Flavor = 'Igtimi'; View = 'heart-rate view'; Command = { Get-IgtimiData -SerialNumber $hr -Type 13 -Start $t11 -End $t11.AddSeconds(2) -Connection $c | Format-Table -View IgtimiHeartRatePoint } }
        )
    }

    It 'fits <View> (<Flavor>) into 80 columns with one-line headers' -ForEach $cases {
        $c = if ($Flavor -eq 'Sap') { $sap } else { $igt }
        $devices = Get-IgtimiDevice -Connection $c
        $yb1 = ($devices | Where-Object Name -eq 'YB-1').SerialNumber
        $wb1 = ($devices | Where-Object Name -eq 'WB-1').SerialNumber
        if ($Flavor -eq 'Igtimi') { $hr = @(Get-IgtimiResource -Connection $c | Where-Object { $_.DataTypes -contains 13 } | Select-Object -ExpandProperty DeviceSerialNumber)[0] }
        $text = & $Command | Out-String -Width 80
        @($text -split '\r?\n' | Where-Object { $_ -match '^[ -]*-[ -]*$' }).Count | Should -Be 1 -Because "one table with one header: $text"
        @(Get-TableProblem $text) | Should -BeNullOrEmpty
    }

    It 'catches a wrapped header and a cut label (the check itself)' {
        $wrapped = "`n  Id Name Da`n                 ta`n  -- ---- --`n   1 x    1`n"
        @(Get-TableProblem $wrapped).Count | Should -BeGreaterThan 0
        $cut = "`nId Description`n-- -----------`n 1 x`n"
        @(Get-TableProblem $cut) | Should -BeNullOrEmpty
        @(Get-TableProblem ("`nId Na…`n-- ---`n 1 x`n")) | Should -Not -BeNullOrEmpty
        @(Get-TableProblem ('x' * 81)) | Should -Not -BeNullOrEmpty
    }
}
