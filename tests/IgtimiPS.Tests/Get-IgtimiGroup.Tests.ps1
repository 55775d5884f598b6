BeforeAll { . "$PSScriptRoot/WorldTestSetup.ps1" }
AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Get-IgtimiGroup' {
    It 'lists the groups each user belongs to or administers' {
        $ownerGroups = Get-IgtimiGroup
        $ownerGroups | Should -BeOfType ([Igtimi.Client.Models.IgtimiGroup])
        $ownerGroups.Name | Should -Contain 'Regatta Fleet'
        (Get-IgtimiGroup -Connection $outsider).Name | Should -Be @('Race Spectators')
        ($ownerGroups | Where-Object Name -eq 'Race Committee').Permissions.Modify | Should -BeTrue
        ($ownerGroups[0].Id) | Should -BeOfType ([long])
    }

    It 'reads a group by id and refuses one the user may not see with PermissionDenied' {
        $coachingTeam = Get-IgtimiGroup | Where-Object Name -eq 'Coaching Team'
        (Get-IgtimiGroup -Id $coachingTeam.Id).Name | Should -Be 'Coaching Team'
        $null = Get-IgtimiGroup -Id $coachingTeam.Id -Connection $outsider -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $null = Get-IgtimiGroup -Id 99999999 -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'shows a table with the permissions' {
        Get-IgtimiGroup | Out-String -Width 250 | Should -Match 'Race Committee\s+Read, Modify'
    }
}
