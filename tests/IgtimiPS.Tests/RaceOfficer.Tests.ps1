# The README's race officer's script, run as printed against the emulator (igtimi.com flavor: SAP's server has no
# sessions and no recipients on its windows, so DeviceWrites/DeviceAccess cover its writes), and its effects checked
# through the read cmdlets.
BeforeAll {
    . "$PSScriptRoot/EmulatorTestSetup.ps1"
    $readme = Get-Content -Raw (Join-Path (Get-IgtimiTestPaths).RepoRoot 'README.md')
    $match = [regex]::Match($readme, '<!-- race officer script -->\s*```powershell\r?\n(?<code>.*?)\r?\n```', 'Singleline')
    $script:code = $match.Groups['code'].Value
}
AfterAll {
    . "$PSScriptRoot/EmulatorTestTeardown.ps1"
}

Describe "The README's race officer's script" {
    It 'is in the README' {
        $code | Should -Match 'Register-IgtimiDevice'
    }

    It 'creates a session, registers two boats, shares them with the coach for the race, and undoes it all' {
        $uri = $emu.BaseUri
        $officerToken = $secrets.Tokens.owner
        $coachToken = $secrets.Tokens.coach
        $sessionsBefore = @(Get-IgtimiSession -Connection (Connect-Igtimi -BaseUri $uri -AccessToken $officerToken -PassThru)).Count
        . ([scriptblock]::Create($code)) 6>$null

        # The coach saw exactly the two windows of the race, on the two new boats.
        @($shared).Count | Should -Be 2
        @($shared.DeviceSerialNumber | Sort-Object) | Should -Be @('AB-CD-EFG1', 'AB-CD-EFG2')
        foreach ($w in $shared) {
            $w.StartTime | Should -Be $race.Start
            $w.EndTime | Should -Be $race.End
        }
        # And everything is gone again.
        @(Get-IgtimiDevice | Where-Object SerialNumber -like 'AB-CD-EFG*').Count | Should -Be 0
        @(Get-IgtimiDataAccessWindow -Connection $coach | Where-Object DeviceSerialNumber -like 'AB-CD-EFG*').Count | Should -Be 0
        @(Get-IgtimiSession).Count | Should -Be $sessionsBefore
        $session.Id | Should -BeGreaterThan 0
    }
}
