# Get-IgtimiRace against the igtimi.com emulator (the regatta of 2025-06-15), and its refusal on SAP's server.
BeforeAll {
    . "$PSScriptRoot/WorldTestSetup.ps1"
    $script:sapEmu = Start-IgtimiTestEmulator -ExtraArgs '--anchor-date', '2025-06-15', '--flavor', 'sap', '--sap-lock-ms', '0'
    $script:sap = Connect-Igtimi -BaseUri $sapEmu.BaseUri -AccessToken $secrets.SapTokens.owner -PassThru
    $null = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner
    $script:sessions = Get-IgtimiSession
    $script:race2 = $sessions | Where-Object Name -like '*Race 2'
    $script:log2 = Get-IgtimiSessionLog -SessionId $race2.Id
}

AfterAll {
    Stop-IgtimiTestEmulator $sapEmu
    . "$PSScriptRoot/EmulatorTestTeardown.ps1"
}

Describe 'Get-IgtimiRace' {
    It 'makes a race of every ended session, with the window of the session' {
        $races = Get-IgtimiRace
        $races | Should -BeOfType ([Igtimi.Client.Races.IgtimiRace])
        @($races).Count | Should -Be @($sessions).Count
        foreach ($race in $races) {
            $session = $sessions | Where-Object Id -eq $race.SessionId
            $race.Name | Should -Be $session.Name
            $race.Start | Should -Be $session.StartTime
            $race.End | Should -Be $session.EndTime
        }
    }

    It 'joins the log: each boat by its device link, with name, sail number, crew and country' {
        $race = Get-IgtimiRace -Name '*Race 2'
        $race.SessionId | Should -Be $race2.Id
        $race.Boats.Count | Should -Be 12
        $links = $log2 | Where-Object Kind -eq 'DeviceLink'
        foreach ($boat in $race.Boats) {
            $link = $links | Where-Object SerialNumber -eq $boat.SerialNumber
            $yacht = $log2 | Where-Object { $_.Kind -eq 'RaceObjectData' -and $_.ObjectId -eq $link.ObjectId }
            $yacht.ObjectType | Should -Be 'yacht'
            $boat.BoatName | Should -Be $yacht.Name
            $boat.SailNumber | Should -Be $yacht.BoatNumber
            $boat.Crew | Should -Be $yacht.Crew
            $boat.Country | Should -Be $yacht.Country
        }
        $yachtBots = (Get-IgtimiDevice -Name 'YB-*').SerialNumber
        $race.Boats.SerialNumber | Sort-Object | Should -Be ($yachtBots | Sort-Object)
        $race.WindSensors.SerialNumber | Sort-Object | Should -Be ((Get-IgtimiDevice -Name 'WB-*').SerialNumber | Sort-Object)
    }

    It 'gives the marks with positions and roles, the course direction and the manual wind in knots' {
        $race = Get-IgtimiRace -SessionId $race2.Id
        $race.Marks.Role | Should -Be @('Windward', 'Leeward', 'Leeward', 'CommitteeBoat', 'StartPin')
        $buoy = $log2 | Where-Object { $_.ObjectType -eq 'buoy' -and $_.Name -eq $race.Marks[0].Name }
        $race.Marks[0].Latitude | Should -Be $buoy.Positions[0].Latitude
        $race.Marks[1].ConnectedMark | Should -Be $race.Marks[2].Name
        $wind = $log2 | Where-Object MetadataName -eq 'manual_wind'
        $race.ManualWind.Count | Should -Be 1
        $race.ManualWind[0].DirectionDegrees | Should -Be $wind.ManualWindDirection
        [math]::Round($race.ManualWind[0].SpeedKnots, 9) | Should -Be ([math]::Round($wind.ManualWindSpeedKmh / 1.852, 9))
        $race.CourseDirection | Should -Be ($log2 | Where-Object MetadataName -eq 'course_direction').CourseDirection
        $race.Course | Should -BeNullOrEmpty -Because 'the emulator logs no course, and the module invents none'
    }

    It 'takes sessions and session ids from the pipeline' {
        ($sessions | Select-Object -First 2 | Get-IgtimiRace).SessionId | Should -Be ($sessions | Select-Object -First 2).Id
        ($race2.Id | Get-IgtimiRace).Name | Should -Be $race2.Name
        $null = Get-IgtimiDevice -Name 'YB-1' | Get-IgtimiRace -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -Match '^IgtimiPipelineInputNotSupported'
    }

    It 'reports a name that matches nothing, a session still running and a session the user may not read' {
        $null = Get-IgtimiRace -Name 'No such race' -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -Match '^IgtimiObjectNotFound'
        $live = Get-IgtimiSession -IncludeIncomplete | Where-Object IsIncomplete
        $null = Get-IgtimiRace -SessionId $live.Id -ErrorVariable running -ErrorAction SilentlyContinue
        $running[0].FullyQualifiedErrorId | Should -Match '^IgtimiInvalidInput'
        "$($running[0])" | Should -Match 'not ended'
        $debrief = $sessions | Where-Object Name -like 'Coach debrief*'
        $null = Get-IgtimiRace -SessionId $debrief.Id -Connection $outsider -ErrorVariable denied -ErrorAction SilentlyContinue
        $denied[0].FullyQualifiedErrorId | Should -Match '^IgtimiAccessDenied'
    }

    It 'feeds Get-IgtimiData the boats and the window of the race' {
        $race = Get-IgtimiRace -Name '*Race 2'
        $points = $race | Get-IgtimiData -Type sog -Raw
        ($points.SerialNumber | Sort-Object -Unique) | Should -Be ($race.Boats.SerialNumber | Sort-Object)
        ($points | ForEach-Object { $_.Times[0] } | Measure-Object -Minimum).Minimum | Should -Be $race.Start.ToUnixTimeMilliseconds()
        ($points | ForEach-Object { $_.Times[-1] } | Measure-Object -Maximum).Maximum | Should -Be $race.End.ToUnixTimeMilliseconds()
        $early = $race | Get-IgtimiData -Type sog -End $race.Start.AddSeconds(9)
        @($early).Count | Should -Be (10 * 12)
        $direct = Get-IgtimiData -SerialNumber $race.Boats.SerialNumber -Type sog -Start $race.Start -End $race.Start.AddSeconds(9)
        $expected = @(Get-PointKey ($direct | Sort-Object SerialNumber, UnixTimeMilliseconds))
        @(Get-PointKey ($early | Sort-Object SerialNumber, UnixTimeMilliseconds)) | Should -Be $expected
    }

    It 'names the exported tracks by boat, also from a deserialized race' {
        $race = Get-IgtimiRace -Name '*Race 2'
        $path = Join-Path $TestDrive 'race2.gpx'
        $race | Get-IgtimiData -Type gps_latlong -GpsTolerance 0.0001 | Export-IgtimiData -Path $path
        $names = (Select-Xml -Path $path -XPath '//*[local-name()="trk"]/*[local-name()="name"]').Node.InnerText
        $names | Sort-Object | Should -Be ($race.Boats.BoatName | Sort-Object)

        $clixml = Join-Path $TestDrive 'race.xml'
        $race | Export-Clixml -Path $clixml
        $copy = Import-Clixml -Path $clixml
        $points = $copy | Get-IgtimiData -Type sog -End $race.Start.AddSeconds(1)
        @($points).Count | Should -Be 24
    }

    It 'still needs -Start and -End for devices piped without a race' {
        $e = $null
        try { Get-IgtimiDevice -Name 'YB-1' | Get-IgtimiData -Type sog -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -Match '^IgtimiInvalidParameter'
    }

    It 'stops on SAP''s server with the not-offered error for sessions, and sends nothing' {
        $sapEmu | Clear-IgtimiEmulatorRequest
        $e = $null
        try { Get-IgtimiRace -Connection $sap -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -Match '^IgtimiNotOfferedByServer'
        $e.CategoryInfo.Category | Should -Be 'NotImplemented'
        $null = Get-IgtimiRace -SessionId 1 -Connection $sap -ErrorVariable byId -ErrorAction SilentlyContinue
        $byId[0].FullyQualifiedErrorId | Should -Match '^IgtimiNotOfferedByServer'
        @(Get-IgtimiEmulatorRequest -BaseUri $sapEmu.BaseUri | Where-Object Path -like '*session*') | Should -BeNullOrEmpty
    }
}
