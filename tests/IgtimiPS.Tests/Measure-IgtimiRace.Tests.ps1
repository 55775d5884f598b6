# Measure-IgtimiRace and Get-IgtimiTrueWind against the emulator in both flavors, and an independent check of the
# summaries: distance (haversine) and SOG recomputed here in plain PowerShell from the CSV that Export-IgtimiData writes.
BeforeAll {
    . "$PSScriptRoot/WorldTestSetup.ps1"
    $script:sapEmu = Start-IgtimiTestEmulator -ExtraArgs '--anchor-date', '2025-06-15', '--flavor', 'sap', '--sap-lock-ms', '0'
    $script:sap = Connect-Igtimi -BaseUri $sapEmu.BaseUri -AccessToken $secrets.SapTokens.owner -PassThru
    $null = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner
    $script:devices = Get-IgtimiDevice
    $script:yachts = @($devices | Where-Object Name -like 'YB-*' | Sort-Object { [int]($_.Name -replace '\D') })
    $script:windBots = @($devices | Where-Object Name -like 'WB-*' | ForEach-Object SerialNumber)
    $script:t0 = $anchor.AddHours(11)
}
AfterAll {
    . "$PSScriptRoot/EmulatorTestTeardown.ps1"
    Stop-IgtimiTestEmulator $sapEmu
}

Describe 'Measure-IgtimiRace' {
    It 'counts the tacks and gybes the emulator''s fleet model sailed, boat by boat, in <Race>' -ForEach @(@{ Race = 'Race 1' }, @{ Race = 'Race 5' }) {
        # The emulator lists its boats' manoeuvres per race (an admin endpoint, independent of the module's detector).
        $r = Get-IgtimiRace -Name "*- $Race" -WarningAction SilentlyContinue
        $known = @((Invoke-RestMethod -NoProxy -Uri ($emu.BaseUri + "_emulator/races/$($r.SessionId)/manoeuvres")) | ForEach-Object { $_ })
        $known.Count | Should -BeGreaterThan 0
        $summaries = @($r | Measure-IgtimiRace -WarningAction SilentlyContinue)
        $boats = @($summaries | Where-Object { $known.serial -contains $_.SerialNumber })
        $boats.Count | Should -BeGreaterThan 5
        foreach ($b in $boats) {
            $mine = @($known | Where-Object serial -eq $b.SerialNumber)
            @($b.SerialNumber, $b.Tacks) | Should -Be @($b.SerialNumber, @($mine | Where-Object kind -eq 'tack').Count)
            @($b.SerialNumber, $b.Gybes) | Should -Be @($b.SerialNumber, @($mine | Where-Object kind -eq 'gybe').Count)
        }
    }

    It 'measures a race read back with Import-Clixml as the race itself' {
        $r = Get-IgtimiRace -Name '*- Race 1' -WarningAction SilentlyContinue
        $file = Join-Path ([IO.Path]::GetTempPath()) "race-$([guid]::NewGuid()).xml"
        try {
            $r | Export-Clixml -Path $file
            $copy = Import-Clixml -Path $file
            $copy | Should -Not -BeOfType ([Igtimi.Client.Races.IgtimiRace])
            $direct = @($r | Measure-IgtimiRace -WarningAction SilentlyContinue | ForEach-Object { "$($_.SerialNumber) $($_.Tacks) $($_.Gybes) $($_.DistanceMetres)" })
            $again = @($copy | Measure-IgtimiRace -WarningAction SilentlyContinue | ForEach-Object { "$($_.SerialNumber) $($_.Tacks) $($_.Gybes) $($_.DistanceMetres)" })
            $direct.Count | Should -BeGreaterThan 5
            $again | Should -Be $direct
        }
        finally { Remove-Item $file -ErrorAction SilentlyContinue }
    }

    It 'measures a window of three boats with the WindBots (<Flavor>)' -ForEach @(@{ Flavor = 'Igtimi' }, @{ Flavor = 'Sap' }) {
        $c = if ($Flavor -eq 'Sap') { $sap } else { Get-IgtimiConnection }
        $three = $yachts[0..2]
        $s = @(Measure-IgtimiRace -SerialNumber $three.SerialNumber -BoatName $three.Name -WindStation $windBots -Start $t0 -End $t0.AddMinutes(30) `
                -Connection $c -WarningVariable w -WarningAction SilentlyContinue)
        $s.Count | Should -Be 3
        $s | Should -BeOfType ([Igtimi.Client.Sailing.IgtimiBoatSummary])
        (($s | ForEach-Object Rank) -join ',') | Should -Be '1,2,3'
        (($s | Sort-Object AverageSogKmh -Descending).SerialNumber -join ',') | Should -Be ($s.SerialNumber -join ',')
        foreach ($b in $s) {
            $b.WindSource | Should -BeLike 'wind stations*'
            $b.DistanceNauticalMiles | Should -BeGreaterThan 2.5
            $b.ElapsedTime | Should -Be ([TimeSpan]::FromMinutes(30))
            # 30 minutes of a lap with four tacks a beat (one every four minutes upwind) and two gybes downwind.
            $b.Tacks | Should -BeGreaterOrEqual 3
            $b.Tacks | Should -BeLessOrEqual 6
            $b.UpwindVmgKnots | Should -BeGreaterThan 3
            $b.DownwindVmgKnots | Should -BeGreaterThan 5
            $b.Polar.Cells.Count | Should -BeGreaterThan 0
        }
        @($w | Where-Object { "$_" -like '*no marks*' }).Count | Should -Be 1
    }

    It 'gives the same numbers in both flavors' {
        $a = Measure-IgtimiRace -SerialNumber $yachts[0].SerialNumber -WindStation $windBots -Start $t0 -End $t0.AddMinutes(10) -WarningAction SilentlyContinue
        $b = Measure-IgtimiRace -SerialNumber $yachts[0].SerialNumber -WindStation $windBots -Start $t0 -End $t0.AddMinutes(10) -Connection $sap -WarningAction SilentlyContinue
        $b.DistanceMetres | Should -Be $a.DistanceMetres
        $b.TopSogKmh | Should -Be $a.TopSogKmh
        $b.Tacks | Should -Be $a.Tacks
    }

    It 'takes a race with marks and course from the pipeline: legs and the start line distance' {
        $session = Get-IgtimiSession | Where-Object Name -like '*Race 1' | Select-Object -First 1
        # The race as Get-IgtimiRace builds it from the log (marks, manual wind), with two of its boats and the course
        # sailed, which the emulator's logs do not name.
        $race = Get-IgtimiRace -SessionId $session.Id -WarningAction SilentlyContinue
        $race.Boats = [Igtimi.Client.Races.IgtimiRaceBoat[]]@($race.Boats[0..1])
        $race.Course = [string[]]@('Committee boat', 'Windward mark', 'Leeward gate port', 'Windward mark')
        $s = @($race | Measure-IgtimiRace -WarningAction SilentlyContinue)
        $s.Count | Should -Be 2
        foreach ($b in $s) {
            $b.RankedBy | Should -Be 'legs'
            $b.LegsInCourse | Should -Be 3
            $b.Legs.Count | Should -BeGreaterThan 0
            $b.Legs[0].From | Should -Be 'Start'
            $b.Legs[0].To | Should -Be 'Windward mark'
            $b.StartLineDistanceMetres | Should -BeGreaterOrEqual 0
            $b.StartLineDistanceMetres | Should -BeLessThan 5000
        }
        # The WindBots that the race's log links as wind sensors are the wind, without -WindStation.
        $s[0].WindSource | Should -BeLike 'wind stations (*)'
    }

    It 'warns and leaves values out for a boat without wind and a device without data' {
        $s = @(Measure-IgtimiRace -SerialNumber $yachts[0].SerialNumber, 'NO-SUCH-DEVICE' -Start $t0 -End $t0.AddMinutes(5) -WarningVariable w -WarningAction SilentlyContinue)
        $s.Count | Should -Be 2
        $none = $s | Where-Object SerialNumber -eq 'NO-SUCH-DEVICE'
        $none.DistanceMetres | Should -BeNullOrEmpty
        $none.AverageSogKmh | Should -BeNullOrEmpty
        $none.Rank | Should -Be 2
        ($s | Where-Object SerialNumber -ne 'NO-SUCH-DEVICE').Tacks | Should -BeNullOrEmpty
        @($w | Where-Object { "$_" -like '*NO-SUCH-DEVICE*no positions*' }).Count | Should -Be 1
        @($w | Where-Object { "$_" -like '*no wind*' }).Count | Should -Be 2
    }

    It 'writes polar cells with -Polar' {
        $cells = @(Measure-IgtimiRace -SerialNumber $yachts[0].SerialNumber -WindStation $windBots -Start $t0 -End $t0.AddMinutes(20) -Polar -WarningAction SilentlyContinue)
        $cells | Should -BeOfType ([Igtimi.Client.Sailing.IgtimiPolarCell])
        ($cells | Measure-Object Samples -Sum).Sum | Should -BeGreaterThan 1000
    }

    It 'refuses more boat names than serial numbers' {
        { Measure-IgtimiRace -SerialNumber $yachts[0].SerialNumber -BoatName a, b -Start $t0 -End $t0.AddMinutes(1) -ErrorAction Stop } |
            Should -Throw -ErrorId 'IgtimiInvalidParameter,IgtimiPS.Cmdlets.Races.MeasureIgtimiRaceCmdlet'
    }
}

Describe 'Measure-IgtimiRace against an independent computation from the exported CSV' {
    It 'agrees on distance (0.5 %) and on top and average SOG (to the CSV precision)' {
        $boats = $yachts[0..3]
        $end = $t0.AddMinutes(40)
        $csv = Join-Path $TestDrive 'race.csv'
        Get-IgtimiData -SerialNumber $boats.SerialNumber -Start $t0 -End $end -Type gps_latlong, sog | Export-IgtimiData -Path $csv -Format Csv
        $rows = Import-Csv $csv
        $summaries = Measure-IgtimiRace -SerialNumber $boats.SerialNumber -Start $t0 -End $end -WarningAction SilentlyContinue
        $R = 6371008.8
        foreach ($b in $boats) {
            $mine = @($rows | Where-Object SerialNumber -eq $b.SerialNumber)
            $fixes = @($mine | Where-Object Latitude | Sort-Object Timestamp)
            $d = 0.0
            for ($i = 1; $i -lt $fixes.Count; $i++) {
                $p1 = [double]$fixes[$i - 1].Latitude * [math]::PI / 180; $p2 = [double]$fixes[$i].Latitude * [math]::PI / 180
                $dl = ([double]$fixes[$i].Longitude - [double]$fixes[$i - 1].Longitude) * [math]::PI / 180
                $h = [math]::Pow([math]::Sin(($p2 - $p1) / 2), 2) + [math]::Cos($p1) * [math]::Cos($p2) * [math]::Pow([math]::Sin($dl / 2), 2)
                $d += 2 * $R * [math]::Asin([math]::Sqrt($h))
            }
            $sog = @($mine | Where-Object SOG_kmh | ForEach-Object { [double]$_.SOG_kmh })
            $decimals = (($mine | Where-Object SOG_kmh | Select-Object -First 1).SOG_kmh -split '\.')[1].Length
            $s = $summaries | Where-Object SerialNumber -eq $b.SerialNumber
            [math]::Abs($s.DistanceMetres - $d) / $d | Should -BeLessThan 0.005
            [math]::Round($s.TopSogKmh, $decimals) | Should -Be ($sog | Measure-Object -Maximum).Maximum
            [math]::Abs($s.AverageSogKmh - ($sog | Measure-Object -Average).Average) | Should -BeLessOrEqual (0.5 * [math]::Pow(10, -$decimals))
            $s.Positions | Should -Be $fixes.Count
        }
    }
}

Describe 'Get-IgtimiTrueWind' {
    It 'emits twd and tws points that Export-IgtimiData writes (<Flavor>)' -ForEach @(@{ Flavor = 'Igtimi' }, @{ Flavor = 'Sap' }) {
        $c = if ($Flavor -eq 'Sap') { $sap } else { Get-IgtimiConnection }
        $points = @(Get-IgtimiTrueWind -SerialNumber $yachts[0].SerialNumber -WindStation $windBots -Start $t0 -End $t0.AddSeconds(59) -Connection $c -WarningAction SilentlyContinue)
        $points.Count | Should -Be 120
        @($points | Where-Object Type -eq 22).Count | Should -Be 60
        ($points | Where-Object Type -eq 22)[0] | Should -BeOfType ([Igtimi.Client.Data.IgtimiAnglePoint])
        ($points | Where-Object Type -eq 23)[0].SpeedKnots | Should -BeGreaterThan 3
        $csv = Join-Path $TestDrive "wind-$Flavor.csv"
        $points | Export-IgtimiData -Path $csv -Format Csv
        @(Import-Csv $csv | Where-Object TWD_deg).Count | Should -Be 60
    }
}
