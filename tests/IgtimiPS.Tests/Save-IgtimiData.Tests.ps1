# Save-IgtimiData and Import-IgtimiArchive against both flavors: the archive reads back as the very points Get-IgtimiData
# gives, a second run sends no data request (the emulator's request log), a held archive is refused, exports take
# archived points, a race from the pipeline archives its boats over its days. Whole UTC days are archived, so the
# comparisons use whole days.

BeforeAll {
    . "$PSScriptRoot/TestSetup.ps1"
    $script:common = @('--anchor-date', '2025-06-15')
    $script:igtEmu = Start-IgtimiTestEmulator -ExtraArgs $common
    $script:sapEmu = Start-IgtimiTestEmulator -ExtraArgs ($common + '--flavor', 'sap', '--sap-lock-ms', '0')
    $script:anchor = [DateTimeOffset]::new(2025, 6, 15, 0, 0, 0, [TimeSpan]::Zero)
    $script:connections = @{
        Igtimi = Connect-Igtimi -BaseUri $igtEmu.BaseUri -AccessToken $secrets.Tokens.owner -PassThru
        Sap    = Connect-Igtimi -BaseUri $sapEmu.BaseUri -Credential (Get-IgtimiTestCredential owner -Sap) -PassThru
    }
    $script:emulators = @{ Igtimi = $igtEmu; Sap = $sapEmu }

    function Get-PointKey([object[]] $Points) {
        @($Points | ForEach-Object { '{0}|{1}|{2}|{3}|{4}|{5}' -f $_.SerialNumber, $_.Type, $_.Dsi, $_.UnixTimeMilliseconds, $_.GetType().Name, $_.DisplayValue } |
            Sort-Object -CaseSensitive)
    }
}
AfterAll {
    Stop-IgtimiTestEmulator $sapEmu
    . "$PSScriptRoot/EmulatorTestTeardown.ps1"
}

Describe 'Save-IgtimiData (<_>)' -ForEach 'Igtimi', 'Sap' {
    BeforeAll {
        $script:flavor = $_
        $script:c = $connections[$flavor]
        $script:emuNow = $emulators[$flavor]
        $script:serials = @(Get-IgtimiDevice -Connection $c | Where-Object Name -like 'YB-*' | Select-Object -First 1 -ExpandProperty SerialNumber)
        $script:folder = Join-Path $TestDrive "archive-$flavor"
        $script:window = @{ Connection = $c; Path = $folder; Start = $anchor.AddHours(10); End = $anchor.AddHours(12); Type = 'gps_latlong', 'sog' }
    }

    It 'archives whole days that Import-IgtimiArchive reads back as the points Get-IgtimiData gives' {
        $result = $serials | Save-IgtimiData @window
        $result | Should -BeOfType ([Igtimi.Client.Archive.IgtimiArchiveResult])
        $result.DaysFetched | Should -Be 1
        $expected = Get-IgtimiData -Connection $c -SerialNumber $serials -Type gps_latlong, sog -Start $anchor -End $anchor.AddDays(1).AddMilliseconds(-1)
        $result.Rows | Should -Be @($expected).Count
        $back = Import-IgtimiArchive -Path $folder
        (Get-PointKey $back) | Should -Be (Get-PointKey $expected)
        @(Get-ChildItem $folder -Recurse -Filter *.parquet).Count | Should -Be 2
        Test-Path (Join-Path $folder "serial=$($serials[0])/date=2025-06-15") | Should -BeTrue
    }

    It 'fetches nothing on a second run: no data request reaches the server' {
        Clear-IgtimiEmulatorRequest -BaseUri $emuNow.BaseUri
        $again = Save-IgtimiData @window -SerialNumber $serials
        ($again.DaysFetched, $again.DaysSkipped, $again.Rows) | Should -Be @(0, 1, 0)
        @(Get-IgtimiEmulatorRequest -BaseUri $emuNow.BaseUri | Where-Object Path -like '*data*').Count | Should -Be 0
    }

    It 'filters the archive by device, window and type' {
        $from = $anchor.AddHours(11); $to = $anchor.AddHours(11).AddMinutes(5)
        $part = Import-IgtimiArchive -Path $folder -SerialNumber $serials[0] -Start $from -End $to -Type sog
        $expected = Get-IgtimiData -Connection $c -SerialNumber $serials[0] -Type sog -Start $from -End $to
        @($part).Count | Should -BeGreaterThan 0
        (Get-PointKey $part) | Should -Be (Get-PointKey $expected)
        Import-IgtimiArchive -Path $folder -Raw | Should -BeOfType ([Igtimi.Client.Data.IgtimiDataBlock])
    }
}

Describe 'Save-IgtimiData with races from the pipeline' {
    BeforeAll {
        $script:c = $connections.Igtimi
        $script:race = Get-IgtimiRace -Name 'Auckland*' -Connection $c -WarningAction SilentlyContinue | Sort-Object Start | Select-Object -First 1
    }

    It 'archives exactly the boats and the UTC days of each race, one run per race' {
        $folder = Join-Path $TestDrive 'races'
        $night = $race.Start.UtcDateTime.Date.AddDays(1)
        $overnight = New-IgtimiRace -Name Overnight -Start $night.AddMinutes(-30) -End $night.AddMinutes(30) -SerialNumber $race.Boats[0..1].SerialNumber
        $results = @($race, $overnight | Save-IgtimiData -Path $folder -Type sog -Connection $c)
        $results.Devices | Should -Be @($race.Boats.Count, 2)
        $results.DaysFetched | Should -Be @($race.Boats.Count, 2)   # the overnight race's first day was archived with the first race
        $expected = @(foreach ($b in $race.Boats) { "$($b.SerialNumber)|$($race.Start.UtcDateTime.ToString('yyyy-MM-dd'))" }) +
            @(foreach ($b in $race.Boats[0..1]) { "$($b.SerialNumber)|$($night.ToString('yyyy-MM-dd'))" })
        $manifest = Get-Content -LiteralPath (Join-Path $folder '_igtimi_manifest.json') -Raw | ConvertFrom-Json
        @($manifest.days | ForEach-Object { "$($_.serial)|$($_.date)" } | Sort-Object) | Should -Be @($expected | Sort-Object)
        $race.WindSensors.SerialNumber | ForEach-Object { Test-Path (Join-Path $folder "serial=$_") | Should -BeFalse }
    }

    It 'takes a copy of a race read back with Import-Clixml, and still needs -Start and -End for devices' {
        $folder = Join-Path $TestDrive 'copy'
        $race | Export-Clixml -Path (Join-Path $TestDrive 'race.xml')
        (Import-Clixml -Path (Join-Path $TestDrive 'race.xml') | Save-IgtimiData -Path $folder -Type sog -Connection $c).Devices | Should -Be $race.Boats.Count
        { Get-IgtimiDevice -Connection $c | Select-Object -First 1 | Save-IgtimiData -Path $folder -Type sog -Connection $c -ErrorAction Stop } |
            Should -Throw -ErrorId 'IgtimiInvalidParameter,IgtimiPS.Cmdlets.Data.SaveIgtimiDataCmdlet'
    }
}

Describe 'Save-IgtimiData safety' {
    BeforeAll { $script:serial = (Get-IgtimiDevice -Connection $connections.Igtimi | Where-Object Name -eq 'YB-1').SerialNumber }

    It 'refuses a second run while the archive is held' {
        $folder = Join-Path $TestDrive 'held'
        $null = New-Item -ItemType Directory $folder
        $lock = [System.IO.File]::Open((Join-Path $folder '_igtimi_lock'), 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            { Save-IgtimiData -Connection $connections.Igtimi -Path $folder -SerialNumber $serial -Start $anchor -End $anchor -Type sog -ErrorAction Stop } |
                Should -Throw -ErrorId 'IgtimiArchiveLocked,IgtimiPS.Cmdlets.Data.SaveIgtimiDataCmdlet'
        }
        finally { $lock.Dispose() }
        Test-Path (Join-Path $folder '_igtimi_manifest.json') | Should -BeFalse
    }

    It 'writes nothing with -WhatIf' {
        $folder = Join-Path $TestDrive 'whatif'
        Save-IgtimiData -Connection $connections.Igtimi -Path $folder -SerialNumber $serial -Start $anchor -End $anchor -Type sog -WhatIf | Should -BeNullOrEmpty
        Test-Path $folder | Should -BeFalse
    }

    It 'exports archived points like downloaded ones' {
        $folder = Join-Path $TestDrive 'export'
        $null = Save-IgtimiData -Connection $connections.Igtimi -Path $folder -SerialNumber $serial -Start $anchor -End $anchor -Type gps_latlong
        $gpx = Import-IgtimiArchive -Path $folder -Start $anchor.AddHours(11) -End $anchor.AddHours(11).AddMinutes(10) |
            Export-IgtimiData -Path (Join-Path $TestDrive 'a.gpx') -PassThru
        ([xml](Get-Content $gpx -Raw)).gpx.trk.trkseg.trkpt.Count | Should -BeGreaterThan 100
    }

    It 'says what is wrong with a folder that is not an archive' {
        { Import-IgtimiArchive -Path $TestDrive -ErrorAction Stop } | Should -Throw -ErrorId 'IgtimiArchiveInvalid,IgtimiPS.Cmdlets.Data.ImportIgtimiArchiveCmdlet'
    }
}
