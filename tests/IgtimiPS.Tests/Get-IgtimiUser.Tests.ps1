BeforeAll { . "$PSScriptRoot/WorldTestSetup.ps1" }
AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Get-IgtimiUser' {
    It 'lists the signed-in user as typed objects' {
        $users = @(Get-IgtimiUser)
        $users.Count | Should -Be 1
        $users[0] | Should -BeOfType ([Igtimi.Client.Models.IgtimiUser])
        $users[0].Email | Should -Be 'owner@emulator.igtimi.test'
    }

    It 'reads users by id, from the pipeline too, and reports the ones it may not read one by one' {
        $me = (Get-IgtimiAccount).Id
        $coachId = (Get-IgtimiAccount -Connection $coach).Id
        $result = @($me, $coachId | Get-IgtimiUser -ErrorVariable failures -ErrorAction SilentlyContinue)
        $result.Email | Should -Be @('owner@emulator.igtimi.test')
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failures[0].TargetObject | Should -Be $coachId
    }

    It 'shows a table' {
        Get-IgtimiUser | Out-String -Width 250 | Should -Match 'Id\s+FirstName\s+Surname\s+Email'
    }
}
