BeforeAll { . "$PSScriptRoot/EmulatorTestSetup.ps1" }
AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Get-IgtimiAccount' {
    It 'fails with IgtimiNotConnected before any connection' {
        $err = { Get-IgtimiAccount } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiNotConnected,*'
        $err.Exception.Message | Should -Match 'not connected'
    }

    It 'returns the signed-in user as a typed object' {
        Connect-Igtimi -BaseUri $emu.BaseUri -Credential (Get-IgtimiTestCredential owner) -ClientId $secrets.ClientId -ClientSecret $secrets.ClientSecret
        $account = Get-IgtimiAccount
        $account | Should -BeOfType ([Igtimi.Client.Models.IgtimiUser])
        $account.Id | Should -BeOfType ([long])
        $account.Id | Should -BeGreaterThan 0
        $account.FirstName | Should -Be 'Olivia'
        $account.Surname | Should -Be 'Owner'
        $account.Email | Should -Be 'owner@emulator.igtimi.test'
        $account.Id | Should -Be (Get-IgtimiConnection).User.Id
    }

    It 'shows a table with Id, FirstName, Surname and Email' {
        $text = Get-IgtimiAccount | Out-String
        $text | Should -Match 'Id\s+FirstName\s+Surname\s+Email'
        $text | Should -Match 'Olivia\s+Owner\s+owner@emulator\.igtimi\.test'
    }

    It 'retries a 503 and still answers' {
        $emu | Clear-IgtimiEmulatorRequest
        $emu | Add-IgtimiEmulatorFault -Status 503 -Count 2 -RetryAfter 0 -PathPrefix '/api/v1/account'
        (Get-IgtimiAccount).Email | Should -Be 'owner@emulator.igtimi.test'
        @($emu | Get-IgtimiEmulatorRequest | Where-Object path -eq '/api/v1/account').status | Should -Be @(503, 503, 200)
    }

    It 'stops with an authentication error when the token is no longer accepted' {
        $emu | Add-IgtimiEmulatorFault -Status 401 -Count 1 -PathPrefix '/api/v1/account'
        $err = { Get-IgtimiAccount } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiApiRequestFailed,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Connect-Igtimi'
    }
}
