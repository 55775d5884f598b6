BeforeAll { . "$PSScriptRoot/WorldTestSetup.ps1" }
AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Get-IgtimiSession' {
    It 'lists races, newest first, with UTC times from the float timestamps' {
        $sessions = Get-IgtimiSession
        $sessions | Should -BeOfType ([Igtimi.Client.Models.IgtimiSession])
        @($sessions | Where-Object Name -like '*Race*').Count | Should -BeGreaterOrEqual 8
        $sessions[0].StartTime | Should -BeOfType ([DateTimeOffset])
        $sessions[0].StartTime.Offset | Should -Be ([TimeSpan]::Zero)
        $starts = $sessions.StartTime
        ($starts | Sort-Object -Descending) | Should -Be $starts
        $sessions | ForEach-Object { $_.StartTime | Should -BeGreaterOrEqual $anchor.AddDays(-3) }
    }

    It 'honours -Limit, -Public and -IncludeIncomplete' {
        @(Get-IgtimiSession -Limit 3).Count | Should -Be 3
        (Get-IgtimiSession -Public).Name | Should -BeLike '*Harbour Parade'
        (Get-IgtimiSession).Name | Should -Not -Contain ((Get-IgtimiSession -IncludeIncomplete | Where-Object IsIncomplete).Name)
        $live = Get-IgtimiSession -IncludeIncomplete | Where-Object IsIncomplete
        $live.EndTime | Should -BeNullOrEmpty
        $live.Name | Should -BeLike '*Evening training*'
    }

    It 'shows the outsider the races but not the coach''s debrief, which is access denied by id' {
        $debrief = Get-IgtimiSession | Where-Object Name -like 'Coach debrief*'
        $debrief | Should -Not -BeNullOrEmpty
        (Get-IgtimiSession -Connection $outsider).Name | Should -Not -Contain $debrief.Name
        $null = Get-IgtimiSession -Id $debrief.Id -Connection $outsider -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiAccessDenied,*'
        $failure[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'reads sessions by id from the pipeline and reports an unknown id as not found' {
        $two = Get-IgtimiSession -Limit 2
        ($two | Get-IgtimiSession).Id | Should -Be $two.Id
        $null = Get-IgtimiSession -Id 99999999 -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'shows a table with UTC times' {
        Get-IgtimiSession -Limit 1 | Out-String -Width 80 | Should -Match 'StartTime \(UTC\)[\s\S]+\d{4}-\d{2}-\d{2} \d{2}:\d{2} '
    }
}
