BeforeAll { . "$PSScriptRoot/EmulatorTestSetup.ps1" }
AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Disconnect-Igtimi' {
    It 'closes the current connection; connected cmdlets then fail with IgtimiNotConnected' {
        Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner
        Disconnect-Igtimi
        Get-IgtimiConnection | Should -BeNullOrEmpty
        $err = { Get-IgtimiAccount } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'IgtimiNotConnected,IgtimiPS.Cmdlets.Account.GetIgtimiAccountCmdlet'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Connect-Igtimi'
    }

    It 'leaves the connection open with -WhatIf' {
        Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner
        Disconnect-Igtimi -WhatIf
        (Get-IgtimiConnection).IsOpen | Should -BeTrue
        Disconnect-Igtimi
    }

    It 'closes a given connection and returns it with -PassThru; using it afterwards is IgtimiConnectionClosed' {
        $coach = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.coach -PassThru
        $closed = Disconnect-Igtimi -Connection $coach -PassThru
        $closed.IsOpen | Should -BeFalse
        $err = { Get-IgtimiAccount -Connection $coach } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiConnectionClosed,*'
    }

    It 'fails with IgtimiNotConnected when nothing is connected' {
        $err = { Disconnect-Igtimi } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiNotConnected,*'
    }
}
