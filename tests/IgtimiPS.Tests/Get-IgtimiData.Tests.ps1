BeforeAll {
    . "$PSScriptRoot/WorldTestSetup.ps1"

    $script:dataPath = '/api/v1/resources/data'
    $script:devices = Get-IgtimiDevice
    $script:yb1 = ($devices | Where-Object Name -eq 'YB-1').SerialNumber
    $script:yb2 = ($devices | Where-Object Name -eq 'YB-2').SerialNumber
    $script:wb1 = ($devices | Where-Object Name -eq 'WB-1').SerialNumber
    # The boat whose crew wears a heart-rate strap: the only one whose resources hold type 13.
    $script:hrBoat = @(Get-IgtimiResource | Where-Object { $_.DataTypes -contains 13 } | Select-Object -ExpandProperty DeviceSerialNumber -Unique)[0]
    # The regatta day's first race starts between 11:00 and 11:20 UTC, so every fleet sensor is on from 10:00 to 13:00.
    $script:t11 = $anchor.AddHours(11)

    # The same lines from the raw packed JSON that Invoke-IgtimiApi returns ({serial: {"type[:dsi]": {t, "1", "2", ...}}}).
    function Get-RawKey {
        param($Raw)
        foreach ($device in $Raw.PSObject.Properties) {
            foreach ($block in $device.Value.PSObject.Properties) {
                $type, $dsi = "$($block.Name):0".Split(':')[0, 1]
                $times = @($block.Value.t)
                $columns = [System.Collections.Generic.List[object]]::new()
                for ($k = 1; $null -ne $block.Value.PSObject.Properties["$k"]; $k++) { $columns.Add(@($block.Value."$k")) }
                for ($i = 0; $i -lt $times.Count; $i++) {
                    $values = foreach ($c in $columns) { $c[$i] }
                    '{0}|{1}|{2}|{3}|{4}' -f $device.Name, $type, $dsi, $times[$i], ($values -join ',')
                }
            }
        }
    }

    function Get-RawData {
        param([string[]] $Serial, [DateTimeOffset] $Start, [DateTimeOffset] $End, [hashtable] $Types, $Connection = $owner)
        Invoke-IgtimiApi -Path resources/data -Method Get -Connection $Connection -Query @{
            start_time     = $Start.ToUnixTimeMilliseconds()
            end_time       = $End.ToUnixTimeMilliseconds()
            serial_numbers = @($Serial)
            types          = $Types
        }
    }

    # Fails when, for some device, type and DSI, the times do not strictly ascend in the order emitted.
    function Assert-TimeOrder {
        param([object[]] $Points)
        $last = @{}
        $bad = 0
        foreach ($p in $Points) {
            $group = '{0}|{1}|{2}' -f $p.SerialNumber, $p.Type, $p.Dsi
            if ($last.ContainsKey($group) -and $p.UnixTimeMilliseconds -le $last[$group]) { $bad++ }
            $last[$group] = $p.UnixTimeMilliseconds
        }
        $bad | Should -Be 0 -Because 'each device''s points of a type come in strictly ascending time order'
    }

    # Per device, type and DSI: the sequence of times in the order emitted.
    function Get-TimeSequence {
        param([object[]] $Points)
        $sequences = [ordered]@{}
        foreach ($p in $Points) {
            $group = '{0}|{1}|{2}' -f $p.SerialNumber, $p.Type, $p.Dsi
            if (-not $sequences.Contains($group)) { $sequences[$group] = [System.Collections.Generic.List[long]]::new() }
            $sequences[$group].Add($p.UnixTimeMilliseconds)
        }
        $sequences.Keys | Sort-Object | ForEach-Object { "$_ " + ($sequences[$_] -join ',') }
    }

    function Get-DataRequest { @($emu | Get-IgtimiEmulatorRequest | Where-Object path -eq $dataPath) }
}
AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Get-IgtimiData' {
    AfterEach { $emu | Clear-IgtimiEmulatorFault }

    Context 'typed points' {
        It 'gives every YachtBot type as its typed point, both bounds included' {
            $points = Get-IgtimiData -SerialNumber $yb1 -Start $t11 -End $t11.AddMinutes(1)
            $byType = @{}
            $points | Group-Object Type | ForEach-Object { $byType[[int]$_.Name] = $_.Group }
            @($byType.Keys | Sort-Object) | Should -Be @(1, 2, 3, 6, 8, 9, 15)
            # 1 Hz channels: 11:00:00 to 11:01:00 inclusive; quality every 10 s; battery every minute.
            $byType[1].Count | Should -Be 61
            $byType[9].Count | Should -Be 61
            $byType[2].Count | Should -Be 7
            $byType[15].Count | Should -Be 2
            $byType[1] | Should -BeOfType ([Igtimi.Client.Data.IgtimiPositionPoint])
            $byType[6] | Should -BeOfType ([Igtimi.Client.Data.IgtimiAnglePoint])
            $byType[8] | Should -BeOfType ([Igtimi.Client.Data.IgtimiAnglePoint])
            $byType[9] | Should -BeOfType ([Igtimi.Client.Data.IgtimiSpeedPoint])
            $byType[2] | Should -BeOfType ([Igtimi.Client.Data.IgtimiValuePoint])
            $byType[3] | Should -BeOfType ([Igtimi.Client.Data.IgtimiValuePoint])
            $byType[15] | Should -BeOfType ([Igtimi.Client.Data.IgtimiValuePoint])
            $byType[15][0].Unit | Should -Be '%'
            $byType[3] | ForEach-Object { $_.Value | Should -BeIn (7..12) }
            $byType[6] | ForEach-Object { $_.Degrees | Should -BeGreaterOrEqual 0; $_.Degrees | Should -BeLessThan 360 }
            $first = $byType[1][0]
            $first.SerialNumber | Should -Be $yb1
            $first.Dsi | Should -Be 0
            $first.TypeName | Should -Be 'gps_latlong'
            $first.Timestamp | Should -BeOfType ([DateTimeOffset])
            $first.Timestamp.Offset | Should -Be ([TimeSpan]::Zero)
            $first.Timestamp | Should -Be $t11
            $byType[1][-1].Timestamp | Should -Be $t11.AddMinutes(1)
        }

        It 'gives positions with latitude and longitude in place (packed component 1 is the longitude)' {
            $start = $t11; $end = $t11.AddSeconds(30)
            $points = Get-IgtimiData -SerialNumber $yb1 -Start $start -End $end -Type 1
            $points.Count | Should -Be 31
            foreach ($p in $points) {
                [math]::Abs($p.Latitude) | Should -BeLessOrEqual 90
                $p.Latitude | Should -BeGreaterThan -37.3
                $p.Latitude | Should -BeLessThan -36.3
                $p.Longitude | Should -BeGreaterThan 174.3
                $p.Longitude | Should -BeLessThan 175.3
            }
            $raw = Get-RawData -Serial $yb1 -Start $start -End $end -Types @{ 1 = 0 }
            $block = $raw.$yb1.'1'
            @($block.t) | Should -Be @($points.UnixTimeMilliseconds)
            @($block.'1') | Should -Be @($points.Longitude)
            @($block.'2') | Should -Be @($points.Latitude)
            $points[0].Values | Should -Be @($points[0].Longitude, $points[0].Latitude)
        }

        It 'gives SOG in km/h as the API sends it, and in knots' {
            $points = Get-IgtimiData -SerialNumber $yb1 -Start $t11 -End $t11.AddSeconds(20) -Type sog
            $points.Count | Should -Be 21
            $points | Should -BeOfType ([Igtimi.Client.Data.IgtimiSpeedPoint])
            $raw = Get-RawData -Serial $yb1 -Start $t11 -End $t11.AddSeconds(20) -Types @{ 9 = 0 }
            @($points.SpeedKmh) | Should -Be @($raw.$yb1.'9'.'1')
            foreach ($p in $points) {
                $p.SpeedKmh | Should -BeGreaterThan 8
                $p.SpeedKmh | Should -BeLessThan 17
                $p.SpeedKnots | Should -BeGreaterThan 4
                $p.SpeedKnots | Should -BeLessThan 9.5
                [math]::Abs($p.SpeedKnots - $p.SpeedKmh / 1.852) | Should -BeLessThan 1e-9
            }
        }

        It 'gives the heart-rate strap as 13:201 on the heart-rate boat only' {
            $hrBoat | Should -Not -BeNullOrEmpty
            $points = Get-IgtimiData -SerialNumber $hrBoat, $yb1 -Start $t11 -End $t11.AddSeconds(10) -Type 13
            $points.Count | Should -Be 11
            $points | Should -BeOfType ([Igtimi.Client.Data.IgtimiHeartRatePoint])
            $points.SerialNumber | Select-Object -Unique | Should -Be $hrBoat
            $points.Dsi | Select-Object -Unique | Should -Be 201
            foreach ($p in $points) {
                $p.HeartRate | Should -BeGreaterOrEqual 90
                $p.HeartRate | Should -BeLessOrEqual 146
                $p.Values.Count | Should -Be 3
            }
            $points[-1].HeartBeatCount | Should -BeGreaterThan $points[0].HeartBeatCount
            $points[-1].EventTime - $points[0].EventTime | Should -Be 10000
            (Get-RawKey (Get-RawData -Serial $hrBoat -Start $t11 -End $t11.AddSeconds(10) -Types @{ 13 = 0 })) | Should -Be @(Get-PointKey $points)
        }

        It 'gives a WindBot''s apparent wind as an angle and a speed' {
            $points = Get-IgtimiData -SerialNumber $wb1 -Start $t11 -End $t11.AddSeconds(5) -Type awa, aws
            ($points | Where-Object Type -eq 11) | Should -BeOfType ([Igtimi.Client.Data.IgtimiAnglePoint])
            ($points | Where-Object Type -eq 12) | Should -BeOfType ([Igtimi.Client.Data.IgtimiSpeedPoint])
            $points.Count | Should -Be 12
        }

        It 'takes -Type as names or codes, in any case' {
            $window = @{ SerialNumber = $yb1; Start = $t11; End = $t11.AddSeconds(15) }
            $byCode = Get-PointKey (Get-IgtimiData @window -Type 1, 9)
            $byCode.Count | Should -Be 32
            Get-PointKey (Get-IgtimiData @window -Type gps_latlong, sog) | Should -Be $byCode
            Get-PointKey (Get-IgtimiData @window -Type 'SOG', '1') | Should -Be (Get-PointKey (Get-IgtimiData @window -Type 1, 9))
            Get-PointKey (Get-IgtimiData @window -Type type_9, gps_latlong, 9) | Should -Be $byCode
        }

        It 'refuses an unknown type before any request' {
            $emu | Clear-IgtimiEmulatorRequest
            $err = { Get-IgtimiData -SerialNumber $yb1 -Start $t11 -End $t11.AddMinutes(1) -Type sog, windspeed } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiInvalidParameter,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match 'windspeed'
            { Get-IgtimiData -SerialNumber $yb1 -Start $t11 -End $t11.AddMinutes(1) -Type 0 } | Should -Throw -ErrorId 'IgtimiInvalidParameter,*'
            @($emu | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty
        }

        It 'refuses -Start after -End before any request' {
            $emu | Clear-IgtimiEmulatorRequest
            $err = { Get-IgtimiData -SerialNumber $yb1 -Start $t11 -End $t11.AddMilliseconds(-1) } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiInvalidParameter,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            @($emu | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty
        }

        It 'takes devices from the pipeline and sends one request per device' {
            $emu | Clear-IgtimiEmulatorRequest
            $points = Get-IgtimiDevice | Where-Object Name -in 'YB-1', 'YB-2', 'WB-1' | Get-IgtimiData -Start $t11 -End $t11.AddSeconds(9) -Type 9
            (Get-DataRequest).Count | Should -Be 3
            # WindBots have no SOG: they are simply absent.
            @($points.SerialNumber | Sort-Object -Unique) | Should -Be @($yb1, $yb2 | Sort-Object)
            $points.Count | Should -Be 20
        }

        It 'shows points of every type in one table with one header, also through Format-Table' {
            foreach ($text in @(
                    (Get-IgtimiData -SerialNumber $yb1 -Start $t11 -End $t11.AddSeconds(1) | Out-String -Width 80),
                    (Get-IgtimiData -SerialNumber $yb1 -Start $t11 -End $t11.AddSeconds(1) | Format-Table | Out-String -Width 80))) {
                $lines = $text -split '\r?\n'
                @($lines -match '^SerialNumber\s+Timestamp \(UTC\)\s+Type\s+Value$') | Should -HaveCount 1
                @($lines -match ' : ') | Should -BeNullOrEmpty -Because 'no point falls back to a list'
                $lines -match "^$yb1\s+2025-06-15 11:00:00\.000 gps_latlong\s+-36\.\d{5}, 174\.\d{5}$" | Should -HaveCount 1
                $lines -match "^$yb1\s+2025-06-15 11:00:00\.000 sog\s+\d+\.\d\d kn$" | Should -HaveCount 1
                $lines -match "^$yb1\s+2025-06-15 11:00:00\.000 cog\s+\d+(\.\d)?°$" | Should -HaveCount 1
                $lines -match "^$yb1\s+2025-06-15 11:00:00\.000 battery_level\s+\d+ %$" | Should -HaveCount 1
                @($lines -match "^$yb1").Count | Should -Be 11
            }
        }

        It 'shows the heart-rate strap''s DSI beside its type' {
            $text = Get-IgtimiData -SerialNumber $hrBoat -Start $t11 -End $t11 -Type 13 | Out-String -Width 80
            $text | Should -Match "$hrBoat\s+2025-06-15 11:00:00\.000 ant_hrm:201\s+\d+ bpm"
        }

        It 'shows -Raw blocks as a table with their type, count and time span' {
            $text = Get-IgtimiData -SerialNumber $hrBoat -Start $t11 -End $t11.AddMinutes(2) -Type 1, 13 -Raw | Out-String -Width 80
            $text | Should -Match 'SerialNumber\s+Type\s+Count\s+Start \(UTC\)\s+End \(UTC\)'
            $text | Should -Match "$hrBoat\s+gps_latlong\s+121\s+2025-06-15 11:00\s+2025-06-15 11:02"
            $text | Should -Match "$hrBoat\s+ant_hrm:201\s+121\s+2025-06-15 11:00\s+2025-06-15 11:02"
        }
    }

    Context 'devices not asked for, and answers with no points' {
        BeforeAll {
            # The documented multi-device payload: 3 points of EA-AK-AAAG, 4 of EA-AK-AAAH.
            $script:multiBody = Get-Content -Raw "$PSScriptRoot/../fixtures/igtimi-docs_packed_data_multi_device_dsi.json"
            $script:multiRange = @{ Start = [DateTimeOffset]::FromUnixTimeMilliseconds(12345670000); End = [DateTimeOffset]::FromUnixTimeMilliseconds(12345680000) }
        }

        It 'gives each point once when the server answers every request with both devices, and names them in one warning' {
            $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode body -Body $multiBody -PathPrefix $dataPath -Count 2
            $points = @(Get-IgtimiData -SerialNumber EA-AK-AAAG, EA-AK-AAAH @multiRange -WarningVariable warned -WarningAction SilentlyContinue)
            $points.Count | Should -Be 7
            @($points | Where-Object SerialNumber -eq EA-AK-AAAG).Count | Should -Be 3
            @($points | Where-Object SerialNumber -eq EA-AK-AAAH).Count | Should -Be 4
            @(Get-PointKey $points | Select-Object -Unique).Count | Should -Be 7
            @($warned).Count | Should -Be 1
            "$warned" | Should -Match 'not asked for in that request: EA-AK-AAAG \(3 points\), EA-AK-AAAH \(4 points\)'
        }

        It 'warns once, naming the serial and the window in UTC, when a device gives no points' {
            $points = @(Get-IgtimiData -SerialNumber DC-XX-XXXX, $yb1 -Start $t11 -End $t11.AddSeconds(1) -Type sog -WarningVariable warned -WarningAction SilentlyContinue)
            $points.SerialNumber | Select-Object -Unique | Should -Be $yb1
            @($warned).Count | Should -Be 1
            "$warned" | Should -Be ('No data of type sog for DC-XX-XXXX between 2025-06-15T11:00:00.000Z and 2025-06-15T11:00:01.000Z: the server returned ' +
                'no points (unknown serial number, no access, or nothing recorded in that window).')
        }

        It 'warns about an empty window too, and not when every device has points' {
            $null = Get-IgtimiData -SerialNumber $yb1, $yb2 -Start $anchor.AddHours(3) -End $anchor.AddHours(4) -WarningVariable empty -WarningAction SilentlyContinue
            @($empty).Count | Should -Be 1
            "$empty" | Should -Match "^No data for $yb1, $yb2 between 2025-06-15T03:00:00\.000Z and 2025-06-15T04:00:00\.000Z"
            $null = Get-IgtimiData -SerialNumber $yb1 -Start $t11 -End $t11.AddSeconds(1) -WarningVariable none
            $none | Should -BeNullOrEmpty
        }

        It 'leaves out latest data of devices not asked for, with one warning' {
            $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode body -PathPrefix "$dataPath/latest" -Body (
                '{"latest_data":[{"latest_datum":{"serial_number":"' + $yb1 + '","c1":10,"timestamp":1749985200000}},' +
                '{"latest_datum":{"serial_number":"XX-YY-ZZZZ","c1":11,"timestamp":1749985200000}}]}')
            $latest = @(Get-IgtimiLatestData -SerialNumber $yb1 -Type sog -WarningVariable warned -WarningAction SilentlyContinue)
            $latest.SerialNumber | Should -Be @($yb1)
            "$warned" | Should -Match 'not asked for in that request: XX-YY-ZZZZ \(1 point\)'
        }
    }

    Context 'agreement with the API' {
        It 'gives, one for one, the samples that resources/data returns for the same window' {
            $serials = $yb1, $hrBoat, $wb1
            $start = $t11.AddMinutes(5); $end = $start.AddMinutes(5)
            $points = Get-IgtimiData -SerialNumber $serials -Start $start -End $end -Type 1, 9
            $raw = Get-RawData -Serial $serials -Start $start -End $end -Types @{ 1 = 0; 9 = 0 }
            $expected = @(Get-RawKey $raw)
            $expected.Count | Should -Be (301 * 5)   # positions of three devices, SOG of the two boats
            $actual = @(Get-PointKey $points)
            $actual.Count | Should -Be $expected.Count
            @($actual | Sort-Object) | Should -Be @($expected | Sort-Object)
            # Per device and type the same times, in the same (ascending) order.
            Get-TimeSequence $points | Should -Be (Get-TimeSequence ($expected | ForEach-Object {
                        $f = $_.Split('|'); [pscustomobject]@{ SerialNumber = $f[0]; Type = [int]$f[1]; Dsi = [int]$f[2]; UnixTimeMilliseconds = [long]$f[3] } }))
            Assert-TimeOrder $points
        }

        It '-Raw gives one IgtimiDataBlock per device and type whose columns are the points' {
            $serials = $yb1, $hrBoat
            $start = $t11; $end = $t11.AddMinutes(2)
            $blocks = @(Get-IgtimiData -SerialNumber $serials -Start $start -End $end -Type 1, 9, 13 -Raw)
            $blocks | Should -BeOfType ([Igtimi.Client.Data.IgtimiDataBlock])
            @($blocks | ForEach-Object { '{0} {1}' -f $_.SerialNumber, $_.Key } | Sort-Object) |
                Should -Be @("$yb1 1", "$yb1 9", "$hrBoat 1", "$hrBoat 13:201", "$hrBoat 9" | Sort-Object)
            $fromBlocks = foreach ($b in $blocks) {
                $b.Count | Should -Be 121
                $b.Times.Count | Should -Be $b.Count
                $b.Components.Count | Should -Be @{ 1 = 2; 9 = 1; 13 = 3 }[$b.Type]
                foreach ($c in $b.Components) { $c.Count | Should -Be $b.Count }
                $b.Start | Should -Be $start
                $b.End | Should -Be $end
                for ($i = 0; $i -lt $b.Count; $i++) {
                    $values = foreach ($c in $b.Components) { $c[$i] }
                    '{0}|{1}|{2}|{3}|{4}' -f $b.SerialNumber, $b.Type, $b.Dsi, $b.Times[$i], ($values -join ',')
                }
            }
            $points = Get-IgtimiData -SerialNumber $serials -Start $start -End $end -Type 1, 9, 13
            @($fromBlocks | Sort-Object) | Should -Be @(Get-PointKey $points | Sort-Object)
            ($blocks | Where-Object Type -eq 1)[0].PointAt(0) | Should -BeOfType ([Igtimi.Client.Data.IgtimiPositionPoint])
        }

        It 'applies -GpsTolerance to positions only' {
            $start = $t11; $end = $t11.AddMinutes(30)
            $full = Get-IgtimiData -SerialNumber $yb1 -Start $start -End $end -Type 1, 9
            $thin = Get-IgtimiData -SerialNumber $yb1 -Start $start -End $end -Type 1, 9 -GpsTolerance 0.0001
            $fullPositions = @($full | Where-Object Type -eq 1)
            $thinPositions = @($thin | Where-Object Type -eq 1)
            $fullPositions.Count | Should -Be 1801
            $thinPositions.Count | Should -BeLessThan ($fullPositions.Count / 2)
            $thinPositions.Count | Should -BeGreaterThan 2
            # The kept positions are samples of the full track, first and last included.
            $fullKeys = [System.Collections.Generic.HashSet[string]]::new([string[]](Get-PointKey $fullPositions))
            foreach ($k in Get-PointKey $thinPositions) { $fullKeys.Contains($k) | Should -BeTrue }
            $thinPositions[0].Timestamp | Should -Be $start
            $thinPositions[-1].Timestamp | Should -Be $end
            Get-PointKey ($thin | Where-Object Type -eq 9) | Should -Be (Get-PointKey ($full | Where-Object Type -eq 9))
            # Exactly what the API gives for types[1]=0.0001&types[9]=0.
            @(Get-PointKey $thin | Sort-Object) | Should -Be @(Get-RawKey (Get-RawData -Serial $yb1 -Start $start -End $end -Types @{ 1 = 0.0001; 9 = 0 }) | Sort-Object)
        }

        It 'gives the outsider no WindBot data and nothing outside the races' {
            $start = $t11.AddMinutes(-30); $end = $t11.AddMinutes(90)
            $mine = Get-IgtimiData -SerialNumber $yb1 -Start $start -End $end -Type 9
            $theirs = Get-IgtimiData -SerialNumber $yb1, $wb1 -Start $start -End $end -Type 9, 12 -Connection $outsider
            $mine.Count | Should -Be 7201
            $theirs.Count | Should -BeGreaterThan 1000
            $theirs.Count | Should -BeLessThan $mine.Count
            $theirs.SerialNumber | Select-Object -Unique | Should -Be $yb1
            $races = @(Get-IgtimiSession -Connection $outsider | Where-Object { $_.Name -like '*Race*' -and $_.StartTime -le $end -and $_.EndTime -ge $start })
            $races.Count | Should -Be 1
            @($theirs | Where-Object { $_.Timestamp -lt $races[0].StartTime -or $_.Timestamp -gt $races[0].EndTime }) | Should -BeNullOrEmpty
            # Inside the race the outsider gets the same samples as the owner.
            $inRace = $mine | Where-Object { $_.Timestamp -ge $races[0].StartTime -and $_.Timestamp -le $races[0].EndTime }
            Get-PointKey $theirs | Should -Be (Get-PointKey $inRace)
            # A WindBot alone: nothing at all, and no error.
            Get-IgtimiData -SerialNumber $wb1 -Start $start -End $end -Connection $outsider -ErrorVariable failures -WarningVariable warned -WarningAction SilentlyContinue |
                Should -BeNullOrEmpty
            $failures | Should -BeNullOrEmpty
            "$warned" | Should -Match "^No data for $wb1 between "
        }
    }

    Context 'slices' {
        It 'gives exactly the same points with -SliceLength <SliceLength> as in one slice' -ForEach @(
            # 60 min / 10 min: six slices, then a last one of 1 ms that holds 12:00:00.000.
            @{ SliceLength = '00:10:00'; Requests = 7 }
            @{ SliceLength = '00:07:00'; Requests = 9 }
        ) {
            $serials = $yb1, $hrBoat
            $start = $t11; $end = $t11.AddHours(1)
            $emu | Clear-IgtimiEmulatorRequest
            $one = Get-IgtimiData -SerialNumber $serials -Start $start -End $end -Type 1, 9
            (Get-DataRequest).Count | Should -Be 2
            $emu | Clear-IgtimiEmulatorRequest
            $sliced = Get-IgtimiData -SerialNumber $serials -Start $start -End $end -Type 1, 9 -SliceLength $SliceLength
            (Get-DataRequest).Count | Should -Be (2 * $Requests)
            # Each slice ends 1 ms before the next begins, and both bounds are inclusive: no duplicate, no gap.
            $one.Count | Should -Be (4 * 3601)
            $sliced.Count | Should -Be $one.Count
            $keys = @(Get-PointKey $sliced)
            [System.Collections.Generic.HashSet[string]]::new([string[]]$keys).Count | Should -Be $keys.Count
            Get-TimeSequence $sliced | Should -Be (Get-TimeSequence $one)
            @($keys | Sort-Object) | Should -Be @(Get-PointKey $one | Sort-Object)
            Assert-TimeOrder $sliced
        }

        It 'gives the same points whatever the -ThrottleLimit' {
            $serials = $yb1, $yb2, $hrBoat, $wb1
            $start = $t11; $end = $t11.AddMinutes(10)
            $wide = Get-IgtimiData -SerialNumber $serials -Start $start -End $end -Type 1, 9 -SliceLength 00:02:00 -ThrottleLimit 4
            $narrow = Get-IgtimiData -SerialNumber $serials -Start $start -End $end -Type 1, 9 -SliceLength 00:02:00 -ThrottleLimit 1
            $wide.Count | Should -Be (7 * 601)
            Get-TimeSequence $wide | Should -Be (Get-TimeSequence $narrow)
            Assert-TimeOrder $wide
            # With one worker the devices come one after another, in the order given.
            @($narrow.SerialNumber | Select-Object -Unique) | Should -Be @($serials)
        }
    }

    Context 'nothing lost' {
        It 'gives identical points when requests fail with 503 and 429 and bodies are cut off mid-way' {
            $serials = $yb1, $yb2, $hrBoat, $wb1
            $start = $t11; $end = $t11.AddHours(1)
            $clean = @(Get-PointKey (Get-IgtimiData -SerialNumber $serials -Start $start -End $end -Type 1, 9))
            $clean.Count | Should -Be (7 * 3601)

            $emu | Clear-IgtimiEmulatorRequest
            $before = ($emu | Get-IgtimiEmulatorRequest -Raw).fault_count
            # At most four of each kind, so that even a device that draws all of them stays within the four retries.
            $null = $emu | Add-IgtimiEmulatorFault -Status 503 -Count 2 -RetryAfter 0 -PathPrefix $dataPath
            $null = $emu | Add-IgtimiEmulatorFault -Status 429 -Count 1 -RetryAfter 1 -PathPrefix $dataPath
            $null = $emu | Add-IgtimiEmulatorFault -Status 503 -Count 1 -RetryAfter 1 -PathPrefix $dataPath
            $null = $emu | Add-IgtimiEmulatorFault -Kind Reset -Count 2 -AfterBytes 2000 -PathPrefix $dataPath
            # About 150 KB: after a boat's whole position block, in the middle of its SOG block (a WindBot's body ends before).
            $null = $emu | Add-IgtimiEmulatorFault -Kind Reset -Count 2 -AfterBytes 150000 -PathPrefix $dataPath
            $output = Get-IgtimiData -SerialNumber $serials -Start $start -End $end -Type 1, 9 -Verbose 4>&1
            $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            $points = @($output | Where-Object { $_ -is [Igtimi.Client.Data.IgtimiDataPoint] })

            $log = $emu | Get-IgtimiEmulatorRequest -Raw
            $log.fault_count - $before | Should -Be 8 -Because 'every scripted fault was served'
            $statuses = @($log.requests | Where-Object path -eq $dataPath | ForEach-Object status)
            @($statuses | Where-Object { $_ -eq 503 }).Count | Should -Be 3
            @($statuses | Where-Object { $_ -eq 429 }).Count | Should -Be 1
            @($statuses | Where-Object { $_ -eq 200 }).Count | Should -Be (4 + 4)   # one success per device, four cut-off bodies
            $verbose -match 'cut off after \d+ bytes' | Should -Not -BeNullOrEmpty
            $verbose -match 'skipping the [1-9]\d* blocks already delivered' | Should -Not -BeNullOrEmpty
            $verbose -match '503' | Should -Not -BeNullOrEmpty
            $verbose -match '429' | Should -Not -BeNullOrEmpty

            $faulted = @(Get-PointKey $points)
            $faulted.Count | Should -Be $clean.Count
            [System.Collections.Generic.HashSet[string]]::new([string[]]$faulted).Count | Should -Be $faulted.Count -Because 'nothing comes twice'
            @($faulted | Sort-Object) | Should -Be @($clean | Sort-Object)
            Assert-TimeOrder $points
        }

        It 'gives identical points with faults when the window is sliced' {
            $serials = $yb1, $hrBoat
            $start = $t11; $end = $t11.AddMinutes(30)
            $clean = @(Get-PointKey (Get-IgtimiData -SerialNumber $serials -Start $start -End $end -Type 1, 9, 13))
            $clean.Count | Should -Be (5 * 1801)
            $before = ($emu | Get-IgtimiEmulatorRequest -Raw).fault_count
            $null = $emu | Add-IgtimiEmulatorFault -Kind Reset -Count 2 -AfterBytes 30000 -PathPrefix $dataPath
            $null = $emu | Add-IgtimiEmulatorFault -Status 503 -Count 2 -RetryAfter 0 -PathPrefix $dataPath
            $null = $emu | Add-IgtimiEmulatorFault -Kind Reset -Count 2 -AfterBytes 5000 -PathPrefix $dataPath
            $points = Get-IgtimiData -SerialNumber $serials -Start $start -End $end -Type 1, 9, 13 -SliceLength 00:05:00
            ($emu | Get-IgtimiEmulatorRequest -Raw).fault_count - $before | Should -Be 6
            @(Get-PointKey $points | Sort-Object) | Should -Be @($clean | Sort-Object)
            Assert-TimeOrder $points
        }

        It 'stops with an error, not with a silent gap, when a body is cut off every time' {
            $null = $emu | Add-IgtimiEmulatorFault -Kind Reset -Count 5 -AfterBytes 100 -PathPrefix $dataPath
            $err = { Get-IgtimiData -SerialNumber $yb1 -Start $t11 -End $t11.AddSeconds(30) -Type 1 } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiApiRequestFailed,*'
            $err.Exception.Message | Should -Match 'cut off 5 times'
        }
    }

    Context 'anomalies in the packed data (a stand-in server)' {
        BeforeAll {
            # What real servers sent: a key with a space, a null time, unsorted times, a short and a long
            # column, a non-numeric key beside the types, a float time, a type the module does not know.
            $script:odd = @'
{"XA-BB-CCCC": {
  " 1": {"t": [1000, null, 3000, 2000], "1": [174.1, 174.2, 174.3, 174.4], "2": [-36.1, -36.2, -36.3, -36.4]},
  "9": {"t": [1000, 2000, 3000], "1": [18.52, 37.04]},
  "12": {"t": [1000], "1": [5, 6, 7]},
  "archived_resources": {"t": [1], "1": [1]},
  "77": {"t": [1000.0], "1": [1.5]},
  "13:201": {"t": [1000], "1": [11], "2": [22], "3": [133]}
}}
'@
            $tcp = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $tcp.Start(); $port = $tcp.LocalEndpoint.Port; $tcp.Stop()
            $script:standIn = [System.Net.HttpListener]::new()
            $standIn.Prefixes.Add("http://127.0.0.1:$port/")
            $standIn.Start()
            $script:server = [powershell]::Create().AddScript({
                    param($listener, $data)
                    while ($listener.IsListening) {
                        try { $context = $listener.GetContext() } catch { break }
                        $body = if ($context.Request.Url.Query -like '*XE-RR-OOOO*') { '{"error":"bad_request","reason":"the window is too long"}' }
                        elseif ($context.Request.Url.AbsolutePath -like '*/resources/data') { $data }
                        else { '{"user":{"id":2,"first_name":"Stand","surname":"In","email":"stand-in@example.test"}}' }
                        $bytes = [Text.Encoding]::UTF8.GetBytes($body)
                        $context.Response.ContentType = 'application/json'
                        $context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
                        $context.Response.Close()
                    }
                }).AddArgument($standIn).AddArgument($odd)
            $null = $server.BeginInvoke()
            $script:standInConnection = Connect-Igtimi -BaseUri "http://127.0.0.1:$port/" -AccessToken 'stand-in-token' -PassThru
            # Connect-Igtimi made the stand-in current: make the owner current again for the other tests.
            $script:owner = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner -PassThru
        }
        AfterAll {
            $standInConnection | Disconnect-Igtimi
            $standIn.Stop()
            $server.Stop()
            $server.Dispose()
            $standIn.Close()
        }

        It 'warns with counts, leaves out what has no time, pads short columns with NaN and sorts the times' {
            $points = Get-IgtimiData -SerialNumber XA-BB-CCCC -Start '1970-01-01Z' -End '1970-01-02Z' -Connection $standInConnection -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings = @($warnings | ForEach-Object { "$_" })
            $warnings.Count | Should -Be 3
            $warnings -match '^XA-BB-CCCC type 1: 1 of 4 samples have no time and were left out; the times were not in order and were sorted\.$' | Should -HaveCount 1
            $warnings -match '^XA-BB-CCCC type 9: component 1 has 2 values for 3 times \(the missing values are NaN\)\.$' | Should -HaveCount 1
            $warnings -match '^XA-BB-CCCC type 12: component 1 has 3 values for 1 times \(the 2 values without a time were left out\)\.$' | Should -HaveCount 1

            $positions = @($points | Where-Object Type -eq 1)
            @($positions.UnixTimeMilliseconds) | Should -Be @(1000, 2000, 3000)
            @($positions.Longitude) | Should -Be @(174.1, 174.4, 174.3)
            @($positions.Latitude) | Should -Be @(-36.1, -36.4, -36.3)
            $sog = @($points | Where-Object Type -eq 9)
            @($sog.SpeedKmh[0, 1]) | Should -Be @(18.52, 37.04)
            $sog[1].SpeedKnots | Should -Be 20
            [double]::IsNaN($sog[2].SpeedKmh) | Should -BeTrue
            @($points | Where-Object Type -eq 12).Count | Should -Be 1
            $unknown = @($points | Where-Object Type -eq 77)
            $unknown.Count | Should -Be 1
            $unknown[0].GetType().Name | Should -Be 'IgtimiDataPoint'
            $unknown[0].TypeName | Should -Be 'type_77'
            $unknown[0].Values | Should -Be 1.5
            $heart = @($points | Where-Object Type -eq 13)
            $heart[0].Dsi | Should -Be 201
            $heart[0].HeartRate | Should -Be 133
            $points.Count | Should -Be (3 + 3 + 1 + 1 + 1)
        }

        It 'stops with the server''s error when the data come as {"error", "reason"}' {
            $err = { Get-IgtimiData -SerialNumber XE-RR-OOOO -Start '1970-01-01Z' -End '1970-01-02Z' -Connection $standInConnection } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiApiRequestFailed,*'
            $err.Exception.Message | Should -Match 'bad_request'
            $err.Exception.Message | Should -Match 'the window is too long'
        }
    }

    Context 'Ctrl+C' {
        It 'stops within seconds while a slow body is arriving' {
            $null = $emu | Add-IgtimiEmulatorFault -Kind Slow -DelayMs 500 -ChunkBytes 4096 -Count 5 -PathPrefix $dataPath
            $emu | Clear-IgtimiEmulatorRequest
            $ps = (New-ModulePowerShell).AddCommand('Get-IgtimiData').AddParameter('SerialNumber', $yb1).AddParameter('Start', $t11).AddParameter('End', $t11.AddHours(1)).
                AddParameter('Type', @('1', '9')).AddParameter('Connection', $owner)
            try {
                $async = $ps.BeginInvoke()
                # The body of the hour (about 200 KB) would take some 25 s to arrive.
                Start-Sleep -Milliseconds 2500
                $ps.InvocationStateInfo.State | Should -Be 'Running'
                Measure-PowerShellStop $ps | Should -BeLessThan 5
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                $async.AsyncWaitHandle.WaitOne(2000) | Should -BeTrue
            }
            finally { $ps.Dispose() }
        }
    }
}
