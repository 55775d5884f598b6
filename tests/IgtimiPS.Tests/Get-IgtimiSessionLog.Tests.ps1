BeforeAll { . "$PSScriptRoot/WorldTestSetup.ps1" }
AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Get-IgtimiSessionLog' {
    It 'turns a race log into typed entries: device links, race objects with positions, wind and course' {
        $race = Get-IgtimiSession | Where-Object Name -like '*Race 1' | Select-Object -First 1
        $log = Get-IgtimiSessionLog -SessionId $race.Id
        $log | Should -BeOfType ([Igtimi.Client.Models.IgtimiSessionLogEntry])
        $log.SessionId | Select-Object -Unique | Should -Be $race.Id
        @($log | Where-Object Kind -eq 'DeviceLink').Count | Should -Be 15
        $devices = Get-IgtimiDevice
        ($log | Where-Object Kind -eq 'DeviceLink').SerialNumber | ForEach-Object { $devices.SerialNumber | Should -Contain $_ }
        $buoys = $log | Where-Object { $_.Kind -eq 'RaceObjectData' -and $_.ObjectType -eq 'buoy' }
        $buoys.Count | Should -BeGreaterOrEqual 1
        $buoys[0].Positions[0].Latitude | Should -BeOfType ([double])
        $yachts = $log | Where-Object { $_.Kind -eq 'RaceObjectData' -and $_.ObjectType -eq 'yacht' }
        $yachts.Count | Should -Be 12
        $wind = $log | Where-Object { $null -ne $_.ManualWindSpeedKmh }
        $wind.ManualWindSpeedKnots | Should -BeGreaterThan 0
        [math]::Round($wind.ManualWindSpeedKmh / 1.852, 6) | Should -Be ([math]::Round($wind.ManualWindSpeedKnots, 6))
        ($log | Where-Object { $null -ne $_.CourseDirection }).CourseDirection | Should -BeGreaterOrEqual 0
    }

    It 'follows Get-IgtimiSession through the pipeline by Id, and filters by -Kind' {
        $entries = Get-IgtimiSession -Limit 2 | Get-IgtimiSessionLog -Kind Metadata
        $entries.Kind | Select-Object -Unique | Should -Be 'Metadata'
        ($entries.SessionId | Select-Object -Unique).Count | Should -Be 2
    }

    It 'refuses the debrief log to the outsider with PermissionDenied' {
        $debrief = Get-IgtimiSession | Where-Object Name -like 'Coach debrief*'
        $null = Get-IgtimiSessionLog -SessionId $debrief.Id -Connection $outsider -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'shows a table with a summary per entry' {
        $race = Get-IgtimiSession -Limit 1
        Get-IgtimiSessionLog $race.Id | Out-String -Width 250 | Should -Match 'manual wind [\d.]+ kn from \d+°'
    }

    It 'sends -Since as start_time and gets only the entries created since then' {
        $race = Get-IgtimiSession -Limit 1
        $all = @(Get-IgtimiSessionLog $race.Id)
        $cut = ($all.CreatedAt | Sort-Object)[[int]($all.Count / 2)]
        $later = @(Get-IgtimiSessionLog $race.Id -Since $cut)
        $later.Count | Should -BeLessThan $all.Count
        $later.Count | Should -Be @($all | Where-Object CreatedAt -ge $cut).Count
        $later.CreatedAt | ForEach-Object { $_ | Should -BeGreaterOrEqual $cut }
    }
}
