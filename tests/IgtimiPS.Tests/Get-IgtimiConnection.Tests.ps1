BeforeAll { . "$PSScriptRoot/EmulatorTestSetup.ps1" }
AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Get-IgtimiConnection' {
    It 'returns nothing when not connected' {
        Get-IgtimiConnection | Should -BeNullOrEmpty
        Get-IgtimiConnection -All | Should -BeNullOrEmpty
    }

    It 'keeps two connections at once; the last one is current and -Connection picks the other' {
        $owner = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner -PassThru
        $coach = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.coach -PassThru
        (Get-IgtimiConnection -All).Count | Should -Be 2
        (Get-IgtimiConnection).User.Email | Should -Be 'coach@emulator.igtimi.test'
        (Get-IgtimiAccount).Email | Should -Be 'coach@emulator.igtimi.test'
        (Get-IgtimiAccount -Connection $owner).Email | Should -Be 'owner@emulator.igtimi.test'
        (Invoke-IgtimiApi -Path account -Connection $owner).user.email | Should -Be 'owner@emulator.igtimi.test'
        $owner.Number | Should -Not -Be $coach.Number
        Disconnect-Igtimi -Connection $owner
        (Get-IgtimiConnection -All).Count | Should -Be 1
        Disconnect-Igtimi
    }

    It 'shows the connection in a table marking the current one, and as a list without the token' {
        $connection = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner -PassThru
        $table = Get-IgtimiConnection -All | Format-Table | Out-String
        $table | Should -Match 'Current'
        $table | Should -Match '\*\s+\d+\s+Igtimi\s+owner@emulator\.igtimi\.test'
        $list = $connection | Format-List | Out-String
        $list | Should -Match 'AuthenticationMethod\s*:\s*AccessToken'
        $list | Should -Match 'IsCurrent\s*:\s*True'
        $list | Should -Not -Match $secrets.Tokens.owner
        Disconnect-Igtimi
    }
}
