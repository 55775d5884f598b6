BeforeAll {
    . "$PSScriptRoot/WorldTestSetup.ps1"

    $script:devices = Get-IgtimiDevice
    $script:yb1 = ($devices | Where-Object Name -eq 'YB-1').SerialNumber
    $script:wb1 = ($devices | Where-Object Name -eq 'WB-1').SerialNumber
    $script:hrBoat = @(Get-IgtimiResource | Where-Object { $_.DataTypes -contains 13 } | Select-Object -ExpandProperty DeviceSerialNumber -Unique)[0]
    # Devices with SOG: the 12 YachtBots and the coach's boat; with AWS: the 3 WindBots.
    $script:boats = @($devices | Where-Object Name -notlike 'WB-*' | ForEach-Object SerialNumber)
    $script:windBots = @($devices | Where-Object Name -like 'WB-*' | ForEach-Object SerialNumber)
}
AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Get-IgtimiLatestData' {
    It 'gives the latest SOG of every device that has one, as speed points sorted by serial number' {
        $latest = @(Get-IgtimiLatestData -Type sog)
        $latest | Should -BeOfType ([Igtimi.Client.Data.IgtimiSpeedPoint])
        $latest.Count | Should -Be 13
        @($latest.SerialNumber) | Should -Be @($boats | Sort-Object { $_ } -CaseSensitive)
        @($latest.SerialNumber) | Should -Be ([string[]]$latest.SerialNumber | Sort-Object)
        foreach ($p in $latest) {
            $p.Type | Should -Be 9
            $p.Dsi | Should -Be 0
            $p.Timestamp.Offset | Should -Be ([TimeSpan]::Zero)
            # The anchor day is over: the last sample of the day, when the sensor was switched off (17:00-18:00).
            $p.Timestamp | Should -BeGreaterThan $anchor.AddHours(17)
            $p.Timestamp | Should -BeLessThan $anchor.AddHours(18)
            [math]::Abs($p.SpeedKnots - $p.SpeedKmh / 1.852) | Should -BeLessThan 1e-9
        }
        (Get-IgtimiLatestData -Type 9 | ForEach-Object ToString) | Should -Be ($latest | ForEach-Object ToString)
    }

    It 'is the last sample that Get-IgtimiData gives' {
        $latest = Get-IgtimiLatestData -Type 9 -SerialNumber $yb1
        $tail = Get-IgtimiData -SerialNumber $yb1 -Type 9 -Start $latest.Timestamp.AddMinutes(-1) -End $anchor.AddDays(1)
        $tail[-1].UnixTimeMilliseconds | Should -Be $latest.UnixTimeMilliseconds
        $tail[-1].SpeedKmh | Should -Be $latest.SpeedKmh
    }

    It 'takes devices from the pipeline and leaves out those without data of the type' {
        $emu | Clear-IgtimiEmulatorRequest
        $latest = @(Get-IgtimiDevice | Where-Object Name -in 'YB-1', 'WB-1' | Get-IgtimiLatestData -Type sog)
        @($emu | Get-IgtimiEmulatorRequest | Where-Object path -eq '/api/v1/resources/data/latest').Count | Should -Be 1
        $latest.Count | Should -Be 1
        $latest[0].SerialNumber | Should -Be $yb1
        # A YachtBot has no apparent wind speed (type 12): nothing, and no error.
        Get-IgtimiLatestData -Type aws -SerialNumber $yb1 -ErrorVariable failures | Should -BeNullOrEmpty
        $failures | Should -BeNullOrEmpty
        $aws = @(Get-IgtimiLatestData aws $yb1, $wb1)
        $aws.Count | Should -Be 1
        $aws[0].SerialNumber | Should -Be $wb1
        $aws[0] | Should -BeOfType ([Igtimi.Client.Data.IgtimiSpeedPoint])
        @(Get-IgtimiLatestData -Type 12).SerialNumber | Should -Be @($windBots | Sort-Object { $_ } -CaseSensitive)
    }

    It 'gives the latest position with longitude and latitude in place' {
        $latest = @(Get-IgtimiLatestData -Type gps_latlong -SerialNumber $yb1, $wb1)
        $latest.Count | Should -Be 2
        $latest | Should -BeOfType ([Igtimi.Client.Data.IgtimiPositionPoint])
        $raw = Invoke-IgtimiApi -Path resources/data/latest -Method Get -Query @{ type = 1; serial_numbers = @($yb1, $wb1) }
        foreach ($p in $latest) {
            [math]::Abs($p.Latitude) | Should -BeLessOrEqual 90
            $p.Latitude | Should -BeGreaterThan -37.3
            $p.Latitude | Should -BeLessThan -36.3
            $p.Longitude | Should -BeGreaterThan 174.3
            $p.Longitude | Should -BeLessThan 175.3
            $datum = @($raw.latest_data.latest_datum | Where-Object serial_number -eq $p.SerialNumber)[0]
            $p.Longitude | Should -Be $datum.c1
            $p.Latitude | Should -Be $datum.c2
            $p.UnixTimeMilliseconds | Should -Be ([long]$datum.timestamp)
        }
        Get-IgtimiLatestData -Type 1 -SerialNumber $yb1 | Out-String -Width 80 | Should -Match "$yb1\s+\d{4}-\d\d-\d\d [\d:.]+ gps_latlong\s+-36\.\d{5}, 174\.\d{5}"
    }

    It 'gives the heart-rate strap''s latest with DSI 0, as the API names no source' {
        $latest = @(Get-IgtimiLatestData -Type 13)
        $latest.Count | Should -Be 1
        $latest[0] | Should -BeOfType ([Igtimi.Client.Data.IgtimiHeartRatePoint])
        $latest[0].SerialNumber | Should -Be $hrBoat
        $latest[0].Dsi | Should -Be 0
        $latest[0].HeartRate | Should -BeGreaterOrEqual 90
        $latest[0].HeartRate | Should -BeLessOrEqual 146
    }

    It 'gives the outsider only the YachtBots, at the end of the last race' {
        $latest = @(Get-IgtimiLatestData -Type 1 -Connection $outsider)
        $latest.Count | Should -Be 12
        $latest.SerialNumber | Should -Not -Contain $wb1
        $lastRace = Get-IgtimiSession -Connection $outsider | Where-Object { $_.Name -like '*Race*' -and $_.EndTime -le $anchor.AddDays(1) } |
            Sort-Object EndTime | Select-Object -Last 1
        foreach ($p in $latest) {
            $p.Timestamp | Should -BeLessOrEqual $lastRace.EndTime
            $p.Timestamp | Should -BeGreaterThan $lastRace.EndTime.AddSeconds(-2)
        }
        (Get-IgtimiLatestData -Type aws -Connection $outsider) | Should -BeNullOrEmpty
    }

    It 'refuses an unknown type before any request' {
        $emu | Clear-IgtimiEmulatorRequest
        $err = { Get-IgtimiLatestData -Type windspeed } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiInvalidParameter,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match 'windspeed'
        { Get-IgtimiLatestData -Type 0 -SerialNumber $yb1 } | Should -Throw -ErrorId 'IgtimiInvalidParameter,*'
        @($emu | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty
    }

    It 'retries a 503 and still answers' {
        $emu | Clear-IgtimiEmulatorRequest
        $null = $emu | Add-IgtimiEmulatorFault -Status 503 -Count 1 -RetryAfter 0 -PathPrefix '/api/v1/resources/data/latest'
        (Get-IgtimiLatestData -Type sog -SerialNumber $yb1).SerialNumber | Should -Be $yb1
        @($emu | Get-IgtimiEmulatorRequest | Where-Object path -eq '/api/v1/resources/data/latest').status | Should -Be @(503, 200)
    }
}
