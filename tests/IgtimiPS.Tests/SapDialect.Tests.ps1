# Every cmdlet against the emulator in the SAP flavor (--flavor sap: SAP's Riot gateway, the server that
# wind.sapsailing.com runs), compared with a second emulator of the same seed and anchor date in the
# igtimi.com flavor: the same world served in both dialects must come out as the same objects.
# --sap-lock-ms 0 turns the server's lock after a failed login off for this file, except in the
# context that tests the locks, which has an emulator of its own.

BeforeAll {
    . "$PSScriptRoot/TestSetup.ps1"
    $script:common = @('--anchor-date', '2025-06-15')
    $script:sapEmu = Start-IgtimiTestEmulator -ExtraArgs ($common + '--flavor', 'sap', '--sap-lock-ms', '0')
    $script:igtEmu = Start-IgtimiTestEmulator -ExtraArgs $common
    $script:anchor = [DateTimeOffset]::new(2025, 6, 15, 0, 0, 0, [TimeSpan]::Zero)
    $script:root = $sapEmu.BaseUri

    $script:owner = Connect-Igtimi -BaseUri $root -Credential (Get-IgtimiTestCredential owner -Sap) -PassThru
    $script:coach = Connect-Igtimi -BaseUri $root -AccessToken $secrets.SapTokens.coach -PassThru
    $script:outsider = Connect-Igtimi -BaseUri $root -AccessToken $secrets.SapTokens.outsider -PassThru
    $script:anonymous = Connect-Igtimi -BaseUri $root -Anonymous -PassThru
    $script:igtOwner = Connect-Igtimi -BaseUri $igtEmu.BaseUri -AccessToken $secrets.Tokens.owner -PassThru
    $script:igtCoach = Connect-Igtimi -BaseUri $igtEmu.BaseUri -AccessToken $secrets.Tokens.coach -PassThru
    $script:igtOutsider = Connect-Igtimi -BaseUri $igtEmu.BaseUri -AccessToken $secrets.Tokens.outsider -PassThru

    $script:devices = Get-IgtimiDevice -Connection $owner
    $script:yb1 = ($devices | Where-Object Name -eq 'YB-1').SerialNumber
    $script:yb2 = ($devices | Where-Object Name -eq 'YB-2').SerialNumber
    $script:wb1 = ($devices | Where-Object Name -eq 'WB-1').SerialNumber
    # The first race of the day starts between 11:00 and 11:20 UTC; every fleet sensor is on from 10:00 to 13:00.
    $script:t11 = $anchor.AddHours(11)

    function Get-SapRequest {
        param($Emulator = $sapEmu, [string] $Like = '*')
        @($Emulator | Get-IgtimiEmulatorRequest | Where-Object { $_.path -like $Like })
    }

    # One comparable line per point without the DSI (the SAP dialect has none).
    function Get-FlavorKey {
        param([object[]] $Points)
        foreach ($p in $Points) { '{0}|{1}|{2}|{3}' -f $p.SerialNumber, $p.Type, $p.UnixTimeMilliseconds, ($p.Values -join ',') }
    }

    function Assert-SameKeys {
        param([string[]] $Expected, [string[]] $Actual)
        @(Compare-Object ($Expected | Sort-Object) ($Actual | Sort-Object) -SyncWindow 0 | Select-Object -First 5 |
            ForEach-Object { '{0} {1}' -f $_.SideIndicator, $_.InputObject }) | Should -BeNullOrEmpty
        $Actual.Count | Should -Be $Expected.Count
    }

    # Runs a script block that must fail and returns its error record.
    function Get-Failure {
        param([scriptblock] $Script)
        $record = $null
        try { & $Script -ErrorAction Stop | Out-Null } catch { $record = $_ }
        if ($null -eq $record) { throw 'The call did not fail.' }
        $record
    }
}

AfterAll {
    Get-IgtimiConnection -All | Disconnect-Igtimi
    Stop-IgtimiTestEmulator $sapEmu
    Stop-IgtimiTestEmulator $igtEmu
}

Describe 'The SAP dialect' {
    Context 'Connect-Igtimi finds the dialect by itself' {
        It 'detects SAP from <Suffix>' -ForEach @(
            @{ Suffix = '' }, @{ Suffix = 'igtimi' }, @{ Suffix = 'igtimi/' }, @{ Suffix = 'igtimi/api/v1/' }, @{ Suffix = 'igtimi/api/v1' }
        ) {
            $c = Connect-Igtimi -BaseUri ($root + $Suffix) -Credential (Get-IgtimiTestCredential coach -Sap) -PassThru
            try {
                $c.Flavor | Should -Be 'Sap'
                $c.UserName | Should -Be 'coach'
                $c.BaseUri.AbsoluteUri | Should -Be $root
                @(Get-IgtimiDevice -Connection $c).Count | Should -Be 16
            }
            finally { Disconnect-Igtimi -Connection $c }
        }

        It 'detects igtimi.com on an igtimi.com server' {
            $igtOwner.Flavor | Should -Be 'Igtimi'
        }

        It 'skips the probe with -Flavor Sap' {
            $sapEmu | Clear-IgtimiEmulatorRequest
            $c = Connect-Igtimi -BaseUri $root -Flavor Sap -AccessToken $secrets.SapTokens.owner -PassThru
            $c.Flavor | Should -Be 'Sap'
            $c.UserName | Should -Be 'owner'
            Disconnect-Igtimi -Connection $c
            @(Get-SapRequest -Like '*server_listers*') | Should -BeNullOrEmpty
            @(Get-SapRequest -Like '/security/api/restsecurity/access_token').Count | Should -Be 1
        }

        It 'speaks igtimi.com with -Flavor Igtimi, and says so when the server does not' {
            $e = Get-Failure { Connect-Igtimi -BaseUri $root -Flavor Igtimi -AccessToken $secrets.SapTokens.owner }
            $e.FullyQualifiedErrorId | Should -Match '^Igtimi'
            "$e" | Should -Match '404'
        }

        It 'takes the token from IGTIMI_ACCESS_TOKEN and IGTIMI_BASE_URI' {
            $r = Invoke-IgtimiTestPwsh -Environment @{ IGTIMI_BASE_URI = $root; IGTIMI_ACCESS_TOKEN = $secrets.SapTokens.outsider } -Command @"
Import-Module '$((Get-IgtimiTestPaths).Manifest)'
Connect-Igtimi
`$c = Get-IgtimiConnection
'{0}|{1}|{2}' -f `$c.Flavor, `$c.UserName, @(Get-IgtimiDevice).Count
"@
            $r.ErrorText | Should -BeNullOrEmpty
            $r.Output.Trim() | Should -Be 'Sap|outsider|12'
        }

        It 'takes a user name and password without a client id, and warns that a client id has no use there' {
            $c = Connect-Igtimi -BaseUri $root -Credential (Get-IgtimiTestCredential outsider -Sap) -ClientId abc -PassThru -WarningVariable warnings
            $c.UserName | Should -Be 'outsider'
            "$warnings" | Should -Match 'no OAuth2'
            Disconnect-Igtimi -Connection $c
        }

        It 'connects anonymously with -Anonymous' {
            $anonymous.IsAnonymous | Should -BeTrue
            $anonymous.UserName | Should -Be '<all>'
            $anonymous.Flavor | Should -Be 'Sap'
        }

        It 'refuses the OAuth2 grants on SAP with its own ErrorId' {
            $e = Get-Failure { Connect-Igtimi -BaseUri $root -ClientId abc -ClientSecret def -NoBrowser }
            $e.FullyQualifiedErrorId | Should -Match '^IgtimiNotOfferedByServer'
            $e.CategoryInfo.Category | Should -Be 'NotImplemented'
        }

        It 'shows the flavor and the user name in Get-IgtimiConnection' {
            $text = Get-IgtimiConnection -All | Out-String -Width 80
            $text | Should -Match 'Sap\s+owner'
            $text | Should -Match 'Sap\s+<all>'
            $text | Should -Match 'Igtimi\s'
            foreach ($line in $text -split '\r?\n') { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
            $owner | Format-List | Out-String | Should -Match 'Flavor\s+:\s+Sap'
        }
    }

    Context 'a bad token or password is an error, never silent emptiness' {
        It 'refuses a bad token at connect, after one whoami and no retry' {
            $sapEmu | Clear-IgtimiEmulatorRequest
            $before = @(Get-IgtimiConnection -All).Count
            $e = Get-Failure { Connect-Igtimi -BaseUri $root -AccessToken ('x' * 43) }
            @(Get-IgtimiConnection -All).Count | Should -Be $before
            $e.FullyQualifiedErrorId | Should -Match '^IgtimiAuthenticationFailed'
            "$e" | Should -Match 'refused the access token'
            "$e" | Should -Match 'anonymous'
            @(Get-SapRequest -Like '/security/*').Count | Should -Be 1
            @(Get-SapRequest -Like '/igtimi/api/*devices*') | Should -BeNullOrEmpty
        }

        It 'refuses a wrong password after one form and one Basic attempt, and says to wait' {
            $sapEmu | Clear-IgtimiEmulatorRequest
            $bad = [pscredential]::new('owner', (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
            $e = Get-Failure { Connect-Igtimi -BaseUri $root -Credential $bad }
            $e.FullyQualifiedErrorId | Should -Match '^Igtimi(AuthenticationFailed|SignInFailed)'
            "$e" | Should -Match "refused the user name and password of 'owner'"
            "$e" | Should -Match 'wait'
            "$e" | Should -Not -Match 'wrong'
            @(Get-SapRequest -Like '/security/api/restsecurity/access_token').Count | Should -Be 2
        }

        It 'never shows a token or password in output, verbose, debug or errors' {
            $all = & {
                $c = Connect-Igtimi -BaseUri $root -Credential (Get-IgtimiTestCredential coach -Sap) -PassThru -Verbose -Debug
                $c | Format-List * | Out-String
                Get-IgtimiDevice -Connection $c -Verbose -Debug | Select-Object -First 1
                Disconnect-Igtimi -Connection $c
                try { Connect-Igtimi -BaseUri $root -AccessToken ('y' * 43) -Verbose } catch { "$_" }
            } *>&1 | Out-String
            $all | Should -Match 'coach'
            $all | Should -Match 'refused the access token'
            foreach ($secret in $secrets.AllSecrets) { $all | Should -Not -Match ([regex]::Escape($secret)) }
            $all | Should -Not -Match 'yyyyyyyyyy'
        }
    }

    Context 'Get-IgtimiAccount' {
        It 'gives the user name, the one account detail the server has' {
            $account = Get-IgtimiAccount -Connection $coach
            $account | Should -BeOfType ([Igtimi.Client.Models.IgtimiUser])
            $account.UserName | Should -Be 'coach'
            (Get-IgtimiAccount -Connection $anonymous).UserName | Should -Be '<all>'
        }
    }

    Context 'Get-IgtimiDevice' {
        It 'lists the same devices as the igtimi.com flavor, for <Who>' -ForEach @(
            @{ Who = 'owner'; Count = 16 }, @{ Who = 'coach'; Count = 16 }, @{ Who = 'outsider'; Count = 12 }
        ) {
            $sap = @(Get-IgtimiDevice -Connection (Get-Variable -Name $Who -ValueOnly))
            $igt = @(Get-IgtimiDevice -Connection (Get-Variable -Name ('igt' + $Who.Substring(0, 1).ToUpper() + $Who.Substring(1)) -ValueOnly))
            $sap.Count | Should -Be $Count
            $sap | Should -BeOfType ([Igtimi.Client.Models.IgtimiDevice])
            ($sap | ForEach-Object { '{0}|{1}|{2}' -f $_.Id, $_.SerialNumber, $_.Name }) |
                Should -Be ($igt | ForEach-Object { '{0}|{1}|{2}' -f $_.Id, $_.SerialNumber, $_.Name })
        }

        It 'filters by serial number on the client, since the server has no filter' {
            $sapEmu | Clear-IgtimiEmulatorRequest
            $found = @(Get-IgtimiDevice -SerialNumber $yb2, $yb1.ToLowerInvariant() -Connection $owner)
            $found.SerialNumber | Should -Be @($yb1, $yb2)
            @(Get-SapRequest -Like '/igtimi/api/v1/devices*').Count | Should -Be 1
        }

        It 'reports a serial it cannot find as an error of its own' {
            $e = Get-Failure { Get-IgtimiDevice -SerialNumber 'ZZ-ZZ-ZZZZ' -Connection $owner }
            $e.FullyQualifiedErrorId | Should -Match '^IgtimiObjectNotFound'
        }

        It 'shows only the public device to an anonymous connection' {
            $public = @(Get-IgtimiDevice -Connection $anonymous)
            $public.SerialNumber | Should -Be @($wb1)
        }
    }

    Context 'Get-IgtimiDataAccessWindow' {
        It 'lists the same windows as the igtimi.com flavor, with times as DateTimeOffset' {
            $sap = @($devices | Get-IgtimiDataAccessWindow -Connection $owner)
            $igt = @(Get-IgtimiDevice -Connection $igtOwner | Get-IgtimiDataAccessWindow -Connection $igtOwner)
            $sap.Count | Should -BeGreaterThan 10
            $sap | Should -BeOfType ([Igtimi.Client.Models.IgtimiDataAccessWindow])
            $key = { '{0}|{1}|{2:o}|{3:o}' -f $_.Id, $_.DeviceSerialNumber, $_.StartTime, $_.EndTime }
            @($sap | ForEach-Object $key | Sort-Object) | Should -Be @($igt | ForEach-Object $key | Sort-Object)
        }

        It 'keeps the windows that meet -Start and -End' {
            $windows = @(Get-IgtimiDataAccessWindow -SerialNumber $yb1 -Start $t11 -End $t11.AddMinutes(10) -Connection $coach)
            $windows.Count | Should -BeGreaterThan 0
            foreach ($w in $windows) {
                $w.DeviceSerialNumber | Should -Be $yb1
                $w.StartTime | Should -BeLessOrEqual $t11.AddMinutes(10)
                if ($null -ne $w.EndTime) { $w.EndTime | Should -BeGreaterOrEqual $t11 }
            }
        }

        It 'gives the anonymous user only the public window of the public device' {
            $windows = @(Get-IgtimiDataAccessWindow -Connection $anonymous -SerialNumber $wb1)
            $windows.Count | Should -Be 1
            $windows[0].DeviceSerialNumber | Should -Be $wb1
        }
    }

    Context 'Get-IgtimiData' {
        BeforeAll {
            $script:range = @{ Start = $t11; End = $t11.AddMinutes(10) }
            $script:types = 'gps_latlong', 'gps_quality_sat_count', 'gps_quality_indicator', 'cog', 'hdg', 'sog', 'awa', 'aws'
            $script:sapPoints = @(Get-IgtimiData -SerialNumber $yb1, $wb1 -Type $types @range -Connection $owner)
            $script:igtPoints = @(Get-IgtimiData -SerialNumber $yb1, $wb1 -Type $types @range -Connection $igtOwner)
        }

        It 'gives the same typed points as the igtimi.com flavor, value for value' {
            $sapPoints.Count | Should -BeGreaterThan 4000
            $sapPoints[0].GetType() | Should -Be $igtPoints[0].GetType()
            Assert-SameKeys -Expected (Get-FlavorKey $igtPoints) -Actual (Get-FlavorKey $sapPoints)
        }

        It 'gives positions as latitude and longitude, and speeds in km/h and knots' {
            $pos = $sapPoints | Where-Object Type -eq 1 | Select-Object -First 1
            $same = $igtPoints | Where-Object { $_.Type -eq 1 -and $_.UnixTimeMilliseconds -eq $pos.UnixTimeMilliseconds -and $_.SerialNumber -eq $pos.SerialNumber }
            $pos.Latitude | Should -Be $same.Latitude
            $pos.Longitude | Should -Be $same.Longitude
            [Math]::Abs($pos.Latitude) | Should -BeLessOrEqual 90
            $pos.Latitude | Should -Not -Be $pos.Longitude
            $sog = $sapPoints | Where-Object Type -eq 9 | Select-Object -First 1
            $sog.SpeedKnots | Should -Be ($sog.SpeedKmh / 1.852)
        }

        It 'sorts by time per device and type, whatever order the server sends' {
            $last = @{}
            foreach ($p in $sapPoints) {
                $group = '{0}|{1}' -f $p.SerialNumber, $p.Type
                if ($last.ContainsKey($group)) { $p.UnixTimeMilliseconds | Should -BeGreaterThan $last[$group] }
                $last[$group] = $p.UnixTimeMilliseconds
            }
        }

        It 'exports the same GPX and NMEA as the igtimi.com flavor, tracks named by the device names' {
            $sapGpx = Join-Path $TestDrive 'sap.gpx'
            $igtGpx = Join-Path $TestDrive 'igt.gpx'
            $sapPoints | Export-IgtimiData -Path $sapGpx -GpxVersion 1.0 -Connection $owner
            $igtPoints | Export-IgtimiData -Path $igtGpx -GpxVersion 1.0 -Connection $igtOwner
            [xml] $gpx = Get-Content -LiteralPath $sapGpx -Raw
            @($gpx.gpx.trk.name) | Sort-Object | Should -Be @('WB-1', 'YB-1')
            $positions = @($sapPoints | Where-Object Type -eq 1).Count
            @($gpx.gpx.trk.trkseg.trkpt).Count | Should -Be $positions
            @($gpx.gpx.trk.trkseg.trkpt | Where-Object { $_.speed -and $_.course -and $_.sat }).Count | Should -BeGreaterThan 0
            Get-Content -LiteralPath $sapGpx -Raw | Should -BeExactly (Get-Content -LiteralPath $igtGpx -Raw)

            $sapNmea = Join-Path $TestDrive 'sap.nmea'
            $igtNmea = Join-Path $TestDrive 'igt.nmea'
            $sapPoints | Where-Object SerialNumber -eq $wb1 | Export-IgtimiData -Path $sapNmea
            $igtPoints | Where-Object SerialNumber -eq $wb1 | Export-IgtimiData -Path $igtNmea
            $lines = @(Get-Content -LiteralPath $sapNmea)
            @($lines -like '$GPRMC,*').Count | Should -Be @($sapPoints | Where-Object { $_.Type -eq 1 -and $_.SerialNumber -eq $wb1 }).Count
            @($lines -like '$IIMWV,*').Count | Should -BeGreaterThan 0
            Get-Content -LiteralPath $sapNmea -Raw | Should -BeExactly (Get-Content -LiteralPath $igtNmea -Raw)
        }

        It 'drops the duplicates of overlapping access windows (the coach reads a race twice)' {
            $raw = Invoke-IgtimiApi -Path resources/data -Connection $coach -Query @{
                serial_numbers = @($yb1); types = @{ 9 = 0 }
                start_time = $t11.AddMinutes(30).ToUnixTimeMilliseconds(); end_time = $t11.AddMinutes(35).ToUnixTimeMilliseconds()
            }
            $messages = @($raw.$yb1)
            $points = @(Get-IgtimiData -SerialNumber $yb1 -Type sog -Start $t11.AddMinutes(30) -End $t11.AddMinutes(35) -Connection $coach)
            $messages.Count | Should -BeGreaterThan 500
            @($messages | Group-Object | Where-Object Count -ne 2) | Should -BeNullOrEmpty -Because 'during a race two of the coach''s windows cover YB-1'
            @($points | Group-Object UnixTimeMilliseconds | Where-Object Count -gt 1) | Should -BeNullOrEmpty
            $igt = @(Get-IgtimiData -SerialNumber $yb1 -Type sog -Start $t11.AddMinutes(30) -End $t11.AddMinutes(35) -Connection $igtCoach)
            Assert-SameKeys -Expected (Get-FlavorKey $igt) -Actual (Get-FlavorKey $points)
        }

        It 'reads heart rate as on igtimi.com, and the battery as type 50, its SAP case number' {
            $hrBoat = @(Get-IgtimiResource -Connection $igtOwner | Where-Object { $_.DataTypes -contains 13 } |
                Select-Object -ExpandProperty DeviceSerialNumber -Unique)[0]
            $window = @{ Start = $t11; End = $t11.AddMinutes(3) }
            $sap = @(Get-IgtimiData -SerialNumber $hrBoat -Type 13 @window -Connection $owner)
            $igt = @(Get-IgtimiData -SerialNumber $hrBoat -Type 13 @window -Connection $igtOwner)
            $sap.Count | Should -BeGreaterThan 0
            Assert-SameKeys -Expected (Get-FlavorKey $igt) -Actual (Get-FlavorKey $sap)
            $window = @{ Start = $t11; End = $t11.AddHours(1) }
            $battery = @(Get-IgtimiData -SerialNumber $wb1 -Type 50 @window -Connection $owner)
            $igtBattery = @(Get-IgtimiData -SerialNumber $wb1 -Type 15 @window -Connection $igtOwner)
            $battery.Count | Should -BeGreaterThan 0
            ($battery | ForEach-Object { '{0}|{1}' -f $_.UnixTimeMilliseconds, ($_.Values -join ',') }) |
                Should -Be ($igtBattery | ForEach-Object { '{0}|{1}' -f $_.UnixTimeMilliseconds, ($_.Values -join ',') })
        }

        It 'gives each point once when the server answers every request with both devices, and names them in one warning' {
            $query = @{ serial_numbers = @($yb1, $wb1); types = @{ 9 = 0; 12 = 0 }
                start_time = $t11.ToUnixTimeMilliseconds(); end_time = $t11.AddSeconds(5).ToUnixTimeMilliseconds() + 1 }
            $both = Invoke-IgtimiApi -Path resources/data -Connection $owner -OutputType Json -Query $query
            $expected = @(Get-IgtimiData -SerialNumber $yb1, $wb1 -Type sog, aws -Start $t11 -End $t11.AddSeconds(5) -Connection $owner)
            $expected.Count | Should -Be 12
            $sapEmu | Add-IgtimiEmulatorFault -Kind Hostile -Mode body -Body $both -ContentType 'application/json;charset=UTF-8' -PathPrefix /igtimi/api/v1/resources/data -Count 2
            $points = @(Get-IgtimiData -SerialNumber $yb1, $wb1 -Type sog, aws -Start $t11 -End $t11.AddSeconds(5) -Connection $owner -WarningVariable warned -WarningAction SilentlyContinue)
            Assert-SameKeys -Expected (Get-FlavorKey $expected) -Actual (Get-FlavorKey $points)
            @($warned).Count | Should -Be 1
            "$warned" | Should -Match 'not asked for in that request: '
            "$warned" | Should -Match ([regex]::Escape("$wb1 (6 points)"))
            "$warned" | Should -Match ([regex]::Escape("$yb1 (6 points)"))
            $sapEmu | Clear-IgtimiEmulatorFault
        }

        It 'warns once, naming the serial and the window, when a device gives no points' {
            $points = @(Get-IgtimiData -SerialNumber DC-XX-XXXX, $yb1 -Type sog -Start $t11 -End $t11.AddSeconds(1) -Connection $owner -WarningVariable warned -WarningAction SilentlyContinue)
            $points.SerialNumber | Select-Object -Unique | Should -Be $yb1
            @($warned).Count | Should -Be 1
            "$warned" | Should -Match '^No data of type sog for DC-XX-XXXX between 2025-06-15T11:00:00\.000Z and 2025-06-15T11:00:01\.000Z: '
        }

        It 'shows points of every type in one table' {
            $lines = (Get-IgtimiData -SerialNumber $yb1 -Start $t11 -End $t11.AddSeconds(1) -Connection $owner | Format-Table | Out-String -Width 80) -split '\r?\n'
            @($lines -match '^SerialNumber\s+Timestamp \(UTC\)\s+Type\s+Value$') | Should -HaveCount 1
            @($lines -match ' : ') | Should -BeNullOrEmpty
            $lines -match "^$yb1\s+2025-06-15 11:00:00\.000 gps_latlong\s+-36\.\d{5}, 174\.\d{5}$" | Should -HaveCount 1
            $lines -match "^$yb1\s+2025-06-15 11:00:00\.000 sog\s+\d+\.\d\d kn$" | Should -HaveCount 1
        }

        It 'splits a long serial list over several GETs under the URI cap, with no _method tunnel' {
            $sapEmu | Clear-IgtimiEmulatorRequest
            $many = @($devices.SerialNumber) + @(1..600 | ForEach-Object { 'ZZ-{0:D2}-{1:D4}' -f ($_ % 100), $_ })
            $points = @(Get-IgtimiData -SerialNumber $many -Type sog -Start $t11 -End $t11.AddSeconds(30) -Connection $owner -WarningAction SilentlyContinue)
            $igt = @(Get-IgtimiData -SerialNumber $devices.SerialNumber -Type sog -Start $t11 -End $t11.AddSeconds(30) -Connection $igtOwner)
            $points.Count | Should -BeGreaterThan 300
            Assert-SameKeys -Expected (Get-FlavorKey $igt) -Actual (Get-FlavorKey $points)
            $data = @(Get-SapRequest -Like '/igtimi/api/v1/resources/data')
            $data.Count | Should -BeGreaterThan 1
            $data | ForEach-Object { $_.method | Should -Be 'GET' }
        }

        It 'exports a race to GPX with no flavor given (the issue''s pipeline)' {
            $gpx = Join-Path $TestDrive 'race.gpx'
            $s = $t11.AddMinutes(20); $e = $t11.AddMinutes(25)
            $r = Invoke-IgtimiTestPwsh -Command @"
Import-Module '$((Get-IgtimiTestPaths).Manifest)'
`$c = [pscredential]::new('owner', (ConvertTo-SecureString 'owner-pass' -AsPlainText -Force))
`$s = [DateTimeOffset]'$($s.ToString('o'))'; `$e = [DateTimeOffset]'$($e.ToString('o'))'
Connect-Igtimi -BaseUri '$root' -Credential `$c; Get-IgtimiDevice | Get-IgtimiData -Start `$s -End `$e | Export-IgtimiData -Path '$gpx' -Format Gpx
"@
            $r.ErrorText | Should -BeNullOrEmpty
            $r.ExitCode | Should -Be 0
            [xml] $doc = Get-Content -LiteralPath $gpx -Raw
            $tracks = @($doc.gpx.trk)
            $tracks.Count | Should -Be 16
            $expected = @(Get-IgtimiData -SerialNumber $devices.SerialNumber -Type gps_latlong -Start $s -End $e -Connection $igtOwner).Count
            @($doc.gpx.trk.trkseg.trkpt).Count | Should -Be $expected
        }
    }

    Context 'Get-IgtimiLatestData' {
        It 'gives the same latest points as the igtimi.com flavor' {
            $sap = @(foreach ($t in 'sog', 'aws') { Get-IgtimiLatestData -SerialNumber $yb1, $wb1 -Type $t -Connection $owner })
            $igt = @(foreach ($t in 'sog', 'aws') { Get-IgtimiLatestData -SerialNumber $yb1, $wb1 -Type $t -Connection $igtOwner })
            $sap.Count | Should -Be 2 -Because 'YB-1 has no wind sensor and WB-1 no speed'
            Assert-SameKeys -Expected (Get-FlavorKey $igt) -Actual (Get-FlavorKey $sap)
        }

        It 'gives an anonymous connection the latest of the public device only' {
            $latest = @(Get-IgtimiLatestData -SerialNumber $yb1, $wb1 -Type aws -Connection $anonymous -WarningAction SilentlyContinue)
            $latest.SerialNumber | Should -Be @($wb1)
        }
    }

    Context 'Get-IgtimiLiveServer' {
        It 'lists the one live server of the SAP gateway' {
            $servers = @(Get-IgtimiLiveServer -Connection $owner)
            $servers.Count | Should -Be 1
            $servers[0].Uri.AbsolutePath | Should -Be '/igtimi/websocket'
            $servers[0].Uri.Scheme | Should -Be 'ws'
        }
    }

    Context 'Invoke-IgtimiApi' {
        It 'calls paths relative to the SAP API base' {
            $reply = Invoke-IgtimiApi -Path devices -Connection $outsider
            @($reply.devices).Count | Should -Be 12
            (Invoke-IgtimiApi -Path server -Connection $owner).port | Should -Be 6000
            $json = Invoke-IgtimiApi -Path server_listers/web_sockets -OutputType Json -Connection $owner
            $json | Should -Match 'igtimi\\?/websocket'
        }

        It 'turns the server''s HTML error page into a module error' {
            $e = Get-Failure { Invoke-IgtimiApi -Path no/such/path -Connection $owner }
            "$e" | Should -Match '404'
            "$e" | Should -Not -Match '<html'
        }
    }

    Context 'what the server does not offer' {
        It '<Command> stops with IgtimiNotOfferedByServer and sends nothing' -ForEach @(
            @{ Command = 'Get-IgtimiUser' }, @{ Command = 'Get-IgtimiGroup' }, @{ Command = 'Get-IgtimiSession' },
            @{ Command = 'Get-IgtimiResource' }
        ) {
            $sapEmu | Clear-IgtimiEmulatorRequest
            $e = Get-Failure { & $Command -Connection $owner }
            $e.FullyQualifiedErrorId | Should -Match '^IgtimiNotOfferedByServer'
            $e.CategoryInfo.Category | Should -Be 'NotImplemented'
            "$e" | Should -Match 'SAP'
            @(Get-SapRequest) | Should -BeNullOrEmpty
        }

        It 'Get-IgtimiSessionLog and Get-IgtimiDataType -FromServer stop the same way' {
            (Get-Failure { Get-IgtimiSessionLog -SessionId 1 -Connection $owner }).FullyQualifiedErrorId | Should -Match '^IgtimiNotOfferedByServer'
            (Get-Failure { Get-IgtimiDataType -FromServer -Connection $owner }).FullyQualifiedErrorId | Should -Match '^IgtimiNotOfferedByServer'
            @(Get-IgtimiDataType).Count | Should -BeGreaterThan 20 -Because 'the catalogue needs no server'
        }
    }

    Context 'Watch-IgtimiLiveData: a minute of emulator time with a drop every 10 s' {
        BeforeAll {
            $liveEmu = Start-IgtimiTestEmulator -ExtraArgs ($common + '--flavor', 'sap', '--sap-lock-ms', '0',
                '--live-start', '2025-06-15T11:00:00Z', '--live-speed', '10', '--live-frame-ms', '200', '--live-heartbeat-ms', '300',
                '--live-drop-every-ms', '1000')
            $script:liveEmu = $liveEmu
            $conn = Connect-Igtimi -BaseUri $liveEmu.BaseUri -Credential (Get-IgtimiTestCredential owner -Sap) -PassThru
            $script:liveConn = $conn
            $fast = @{ HeartbeatInterval = [timespan]'00:00:00.3'; SilenceLimit = [timespan]'00:00:02' }
            $script:asked = @($yb1, $yb2)
            $points = Watch-IgtimiLiveData -SerialNumber $asked -Duration 00:00:07.5 @fast -Connection $conn -InformationVariable records
            $script:livePoints = @($points)
            $script:liveEvents = @($records | Where-Object { $_.Tags -contains 'IgtimiLive' } | ForEach-Object MessageData)
            # SAP's server streams from the connect, not from its timestamp reply, so the first points may
            # be older than the first Connected event's server time.
            $first = ($livePoints | Measure-Object UnixTimeMilliseconds -Minimum).Minimum
            $start = [DateTimeOffset]::FromUnixTimeMilliseconds($first)
            $end = ($livePoints | Measure-Object UnixTimeMilliseconds -Maximum).Maximum
            $script:liveSpan = ([DateTimeOffset]::FromUnixTimeMilliseconds($end) - $start).TotalSeconds
            $script:storedPoints = @(Get-IgtimiData -SerialNumber $asked -Start $start -End ([DateTimeOffset]::FromUnixTimeMilliseconds($end + 1)) -Connection $conn)
        }
        AfterAll {
            Disconnect-Igtimi -Connection $liveConn
            Stop-IgtimiTestEmulator $liveEmu
        }

        It 'reconnects after every drop and fills the gaps from resources/data' {
            @($liveEvents | Where-Object Kind -eq 'Connected').Count | Should -BeGreaterOrEqual 5
            @($liveEvents | Where-Object Kind -eq 'GapFilled').Count | Should -BeGreaterOrEqual 1
            @($liveEmu | Get-IgtimiEmulatorRequest | Where-Object { $_.path -eq '/igtimi/websocket' -and $_.status -eq 101 }).Count | Should -BeGreaterOrEqual 5
            @($liveEmu | Get-IgtimiEmulatorRequest | Where-Object path -eq '/igtimi/api/v1/resources/data').Count | Should -BeGreaterOrEqual 1
            $liveSpan | Should -BeGreaterOrEqual 60
        }

        It 'passes on only the devices asked for, though the server sends every readable one' {
            @($livePoints.SerialNumber | Sort-Object -Unique) | Should -Be @($asked | Sort-Object)
        }

        It 'writes exactly the points that resources/data holds for that minute: no gap, no duplicate' {
            $livePoints.Count | Should -BeGreaterThan 500
            @($livePoints | Group-Object { '{0}|{1}|{2}' -f $_.SerialNumber, $_.Type, $_.UnixTimeMilliseconds } | Where-Object Count -gt 1) |
                Should -BeNullOrEmpty
            Assert-SameKeys -Expected (Get-FlavorKey $storedPoints) -Actual (Get-FlavorKey $livePoints)
        }
    }

    Context 'hostile answers on SAP paths' {
        It 'turns HTML where the data belongs into IgtimiInvalidResponse' {
            $sapEmu | Add-IgtimiEmulatorFault -Kind Hostile -Mode html -Status 200 -PathPrefix /igtimi/api/v1/resources/data
            $e = Get-Failure { Get-IgtimiData -SerialNumber $yb1 -Type sog -Start $t11 -End $t11.AddMinutes(1) -Connection $owner }
            $e.FullyQualifiedErrorId | Should -Match '^IgtimiInvalidResponse'
            $sapEmu | Clear-IgtimiEmulatorFault
        }

        It 'reports undecodable messages with a count and keeps the good ones' {
            $good = Invoke-IgtimiApi -Path resources/data -Connection $owner -OutputType Json -Query @{
                serial_numbers = @($yb1); types = @{ 9 = 0 }
                start_time = $t11.ToUnixTimeMilliseconds(); end_time = $t11.AddSeconds(5).ToUnixTimeMilliseconds()
            }
            $body = $good -replace '\]\}$', ',"!!notbase64!!","AAAA"]}'
            $sapEmu | Add-IgtimiEmulatorFault -Kind Hostile -Mode body -Body $body -ContentType 'application/json;charset=UTF-8' -PathPrefix /igtimi/api/v1/resources/data
            $points = @(Get-IgtimiData -SerialNumber $yb1 -Type sog -Start $t11 -End $t11.AddSeconds(5) -Connection $owner -WarningVariable warnings -WarningAction SilentlyContinue)
            $points.Count | Should -Be 5
            "$warnings" | Should -Match '\b[12]\b'
            $sapEmu | Clear-IgtimiEmulatorFault
        }
    }

    Context 'the server''s lock after a failed login' {
        It 'does not turn a locked address into an empty answer' {
            $lockEmu = Start-IgtimiTestEmulator -ExtraArgs ($common + '--flavor', 'sap', '--sap-lock-ms', '5000')
            try {
                $null = Get-Failure { Connect-Igtimi -BaseUri $lockEmu.BaseUri -AccessToken ('z' * 43) }
                # The address is locked for Bearer logins now: even the good token fails, and says so.
                $e = Get-Failure { Connect-Igtimi -BaseUri $lockEmu.BaseUri -AccessToken $secrets.SapTokens.owner }
                $e.FullyQualifiedErrorId | Should -Match '^IgtimiAuthenticationFailed'
                "$e" | Should -Match 'locks'
                @($lockEmu | Get-IgtimiEmulatorRequest | Where-Object path -like '/security/*').Count | Should -Be 2
            }
            finally { Stop-IgtimiTestEmulator $lockEmu }
        }
    }
}
