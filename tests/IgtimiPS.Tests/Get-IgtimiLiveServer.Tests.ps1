BeforeAll { . "$PSScriptRoot/WorldTestSetup.ps1" }
AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Get-IgtimiLiveServer' {
    It 'reads the WebSocket server list from the site root, in order' {
        $emu | Clear-IgtimiEmulatorRequest
        $servers = Get-IgtimiLiveServer
        $servers.Count | Should -Be 2
        $servers[0] | Should -BeOfType ([Igtimi.Client.Models.IgtimiLiveServer])
        $servers.Order | Should -Be @(1, 2)
        $servers[0].Uri.Scheme | Should -Be 'ws'
        $servers[0].IsSecure | Should -BeFalse
        ($emu | Get-IgtimiEmulatorRequest).path | Should -Contain '/server_listers/web_sockets'
    }

    It 'needs a connection' {
        $child = Invoke-IgtimiTestPwsh "Import-Module '$((Get-IgtimiTestPaths).Manifest)'; try { Get-IgtimiLiveServer -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }"
        $child.Output[-1] | Should -BeLike 'IgtimiNotConnected,*'
    }

    It 'shows a table' {
        Get-IgtimiLiveServer | Out-String -Width 250 | Should -Match 'Order\s+Uri'
    }
}
