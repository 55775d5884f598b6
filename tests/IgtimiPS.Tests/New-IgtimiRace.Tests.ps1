# New-IgtimiRace: a race without a session, in both dialects (igtimi.com and SAP's server, the same world).
BeforeAll {
    . "$PSScriptRoot/TestSetup.ps1"
    $script:igtEmu = Start-IgtimiTestEmulator -ExtraArgs '--anchor-date', '2025-06-15'
    $script:sapEmu = Start-IgtimiTestEmulator -ExtraArgs '--anchor-date', '2025-06-15', '--flavor', 'sap', '--sap-lock-ms', '0'
    $script:igt = Connect-Igtimi -BaseUri $igtEmu.BaseUri -AccessToken $secrets.Tokens.owner -PassThru
    $script:sap = Connect-Igtimi -BaseUri $sapEmu.BaseUri -AccessToken $secrets.SapTokens.owner -PassThru
    $script:yb = (Get-IgtimiDevice -Name 'YB-1', 'YB-2' -Connection $sap).SerialNumber
    $script:t11 = [DateTimeOffset]::new(2025, 6, 15, 11, 0, 0, [TimeSpan]::Zero)
}

AfterAll {
    Get-IgtimiConnection -All | Disconnect-Igtimi
    Stop-IgtimiTestEmulator $igtEmu
    Stop-IgtimiTestEmulator $sapEmu
}

Describe 'New-IgtimiRace' {
    It 'makes a race from a window, serial numbers and boat names, without a request' {
        $sapEmu | Clear-IgtimiEmulatorRequest
        $race = New-IgtimiRace -Name 'Practice' -Start $t11 -End $t11.AddMinutes(20) -SerialNumber $yb -BoatName 'Aurora'
        $race | Should -BeOfType ([Igtimi.Client.Races.IgtimiRace])
        $race.Name | Should -Be 'Practice'
        $race.SessionId | Should -BeNullOrEmpty
        $race.Duration | Should -Be ([timespan]::FromMinutes(20))
        $race.Boats.SerialNumber | Should -Be $yb
        $race.Boats[0].BoatName | Should -Be 'Aurora'
        $race.Boats[1].BoatName | Should -BeNullOrEmpty
        $race.Marks | Should -BeNullOrEmpty
        $race.ManualWind | Should -BeNullOrEmpty
        (New-IgtimiRace -Start $t11 -End $t11 -SerialNumber $yb[0]).Name | Should -Be 'Race 2025-06-15 11:00'
        New-IgtimiRace -Start $t11 -End $t11 -SerialNumber $yb[0] -WhatIf | Should -BeNullOrEmpty
        @(Get-IgtimiEmulatorRequest -BaseUri $sapEmu.BaseUri) | Should -BeNullOrEmpty
    }

    It 'takes serial numbers from piped devices by property name' {
        $race = Get-IgtimiDevice -Name 'YB-*' -Connection $sap | New-IgtimiRace -Start $t11 -End $t11.AddMinutes(5)
        $race.Boats.Count | Should -Be 12
    }

    It 'refuses <Case> before anything is made' -ForEach @(
        @{ Case = 'an end before the start'; Arguments = @{ Start = '2025-06-15T11:00Z'; End = '2025-06-15T10:59Z'; SerialNumber = 'FA-KK-AAHP' } }
        @{ Case = 'a serial number given twice'
            Arguments = @{ Start = '2025-06-15T11:00Z'; End = '2025-06-15T11:10Z'; SerialNumber = 'FA-KK-AAHP', 'fa-kk-aahp' } }
        @{ Case = 'more boat names than boats'
            Arguments = @{ Start = '2025-06-15T11:00Z'; End = '2025-06-15T11:10Z'; SerialNumber = 'FA-KK-AAHP'; BoatName = 'A', 'B' } }
    ) {
        $e = $null
        try { New-IgtimiRace @Arguments -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -Match '^IgtimiInvalidParameter'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses a blank serial number through the module''s serial check' {
        { New-IgtimiRace -Start $t11 -End $t11 -SerialNumber ' ' -ErrorAction Stop } | Should -Throw
    }

    It 'feeds Get-IgtimiData its window and boats on SAP''s server, as on igtimi.com' {
        $race = New-IgtimiRace -Start $t11 -End $t11.AddSeconds(59) -SerialNumber $yb
        $onSap = $race | Get-IgtimiData -Type sog, gps_latlong -Connection $sap
        $onIgt = $race | Get-IgtimiData -Type sog, gps_latlong -Connection $igt
        @($onSap).Count | Should -Be (2 * 2 * 60)
        @(Get-PointKey ($onSap | Sort-Object SerialNumber, Type, UnixTimeMilliseconds)) |
            Should -Be @(Get-PointKey ($onIgt | Sort-Object SerialNumber, Type, UnixTimeMilliseconds))
    }

    It 'names the exported tracks by the race''s boat names, over the device names' {
        $race = New-IgtimiRace -Start $t11 -End $t11.AddMinutes(2) -SerialNumber $yb -BoatName 'Aurora', 'Blue Heron'
        $path = Join-Path $TestDrive 'practice.kml'
        $race | Get-IgtimiData -Type gps_latlong -Connection $sap | Export-IgtimiData -Path $path -Connection $sap
        $names = (Select-Xml -Path $path -XPath '//*[local-name()="Placemark"]/*[local-name()="name"]').Node.InnerText
        $names | Sort-Object | Should -Be @('Aurora', 'Blue Heron')
    }
}
