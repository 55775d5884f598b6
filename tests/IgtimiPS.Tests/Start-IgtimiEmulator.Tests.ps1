# Start-IgtimiEmulator against the staged module, running the emulator Build stages in out/emulator
# (EmulatorTool.Tests.ps1 does the same from the packages, as users install them).
BeforeAll {
    . "$PSScriptRoot/TestSetup.ps1"
    $script:Dll = (Get-IgtimiTestPaths).Emulator
    $script:Scratch = Join-Path ([IO.Path]::GetTempPath()) "igtimips-start-emulator-$([guid]::NewGuid().ToString('n'))"
    $null = New-Item -ItemType Directory -Path $Scratch

    function New-FakeEmulator([string] $Name, [string] $Body) {
        $path = Join-Path $Scratch $Name
        Set-Content -LiteralPath $path -Value "#!/bin/sh`n$Body" -NoNewline
        chmod +x $path
        $path
    }
}

AfterAll {
    Stop-IgtimiEmulator
    Remove-Item $Scratch -Recurse -Force
}

Describe 'Start-IgtimiEmulator' {
    It 'starts the igtimi.com flavor on a free loopback port; its seeded owner signs in with the password grant' {
        $e = Start-IgtimiEmulator -Path $Dll
        try {
            $e | Should -BeOfType IgtimiPS.Emulator.IgtimiEmulator
            $e.BaseUri.Host | Should -Be '127.0.0.1'
            $e.BaseUri.Port | Should -BeGreaterThan 0
            $e.BaseUri.AbsoluteUri | Should -Match '/$'
            $e.Flavor | Should -Be 'Igtimi'
            $e.Source | Should -Be '-Path'
            $e.IsRunning | Should -BeTrue
            (Get-Process -Id $e.ProcessId).Id | Should -Be $e.ProcessId
            $c = Connect-Igtimi -BaseUri $e.BaseUri -Credential $e.OwnerCredential -ClientId $e.ClientId -ClientSecret $e.ClientSecret -PassThru
            $c.AuthenticationMethod | Should -Be 'Password'
            (Get-IgtimiAccount -Connection $c).Email | Should -Be 'owner@emulator.igtimi.test'
            Disconnect-Igtimi -Connection $c
            $c = Connect-Igtimi -BaseUri $e.BaseUri -AccessToken $e.CoachToken -PassThru
            (Get-IgtimiAccount -Connection $c).Email | Should -Be 'coach@emulator.igtimi.test'
            Disconnect-Igtimi -Connection $c
            $e.OutsiderCredential.UserName | Should -Be 'outsider@emulator.igtimi.test'
        }
        finally { $e | Stop-IgtimiEmulator }
    }

    It 'starts the SAP flavor found through IGTIMI_EMULATOR; its seeded user signs in with a user name' {
        $saved = $env:IGTIMI_EMULATOR
        $env:IGTIMI_EMULATOR = $Dll
        try { $e = Start-IgtimiEmulator -Flavor Sap }
        finally { $env:IGTIMI_EMULATOR = $saved }
        try {
            $e.Source | Should -Be 'IGTIMI_EMULATOR'
            $e.Flavor | Should -Be 'Sap'
            $e.ClientId | Should -BeNullOrEmpty
            $c = Connect-Igtimi -BaseUri $e.BaseUri -Credential $e.OwnerCredential -PassThru
            $c.Flavor | Should -Be 'Sap'
            $c.UserName | Should -Be 'owner'
            @(Get-IgtimiDevice -Connection $c).Count | Should -BeGreaterThan 0
            Disconnect-Igtimi -Connection $c
            $c = Connect-Igtimi -BaseUri $e.BaseUri -AccessToken $e.OwnerToken -PassThru
            $c.UserName | Should -Be 'owner'
            Disconnect-Igtimi -Connection $c
        }
        finally { $e | Stop-IgtimiEmulator }
    }

    It 'listens on -Port; a second emulator on the same port fails with what the emulator said' {
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $e = Start-IgtimiEmulator -Path $Dll -Port $port -Seed 2
        try {
            $e.BaseUri.Port | Should -Be $port
            $err = { Start-IgtimiEmulator -Path $Dll -Port $port } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiEmulatorStartFailed,*'
            $err.Exception.Message | Should -Match 'exited with exit code 1'
            $err.Exception.Message | Should -Match 'cannot listen'
        }
        finally { $e | Stop-IgtimiEmulator }
    }

    It 'says how to install the emulator when -Path names nothing' {
        $err = { Start-IgtimiEmulator -Path (Join-Path $Scratch 'missing/igtimi-emulator') } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiEmulatorNotFound,*'
        $err.Exception.Message | Should -Match 'dotnet tool install --global Igtimi.Emulator'
        $err.ErrorDetails.RecommendedAction | Should -Match 'IGTIMI_EMULATOR'
    }

    It 'says how to install the emulator when none is installed anywhere' {
        $home2 = Join-Path $Scratch 'home'
        $null = New-Item -ItemType Directory -Force -Path $home2
        $command = @"
Import-Module '$((Get-IgtimiTestPaths).Manifest)'
Set-Location '$home2'
try { Start-IgtimiEmulator; 'STARTED' } catch { 'ERROR:' + `$_.FullyQualifiedErrorId; 'MESSAGE:' + `$_.Exception.Message }
"@
        $r = Invoke-IgtimiTestPwsh $command -Environment @{ IGTIMI_EMULATOR = $null; HOME = $home2; PATH = [IO.Path]::GetDirectoryName((Get-IgtimiTestDotnet)) }
        $r.Output | Should -Not -Contain 'STARTED'
        ($r.Output -match '^ERROR:') | Should -BeLike 'ERROR:IgtimiEmulatorNotFound,*'
        ($r.Output -match '^MESSAGE:') | Should -Match 'no igtimi-emulator on PATH or in ~/.dotnet/tools'
    }

    It 'stops and reports an emulator that exits before it is ready, with its error output' -Skip:$IsWindows {
        $fake = New-FakeEmulator 'exits.sh' "echo 'boom: no runtime' >&2`nexit 3`n"
        $err = { Start-IgtimiEmulator -Path $fake } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiEmulatorStartFailed,*'
        $err.Exception.Message | Should -Match 'exit code 3'
        $err.Exception.Message | Should -Match 'boom: no runtime'
    }

    It 'gives up after -TimeoutSec on an emulator that never reports ready, and kills it' -Skip:$IsWindows {
        $pidFile = Join-Path $Scratch 'silent.pid'
        $fake = New-FakeEmulator 'silent.sh' "echo `$`$ > '$pidFile'`necho 'not a url'`nexec sleep 60`n"
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = { Start-IgtimiEmulator -Path $fake -TimeoutSec 2 } | Should -Throw -PassThru
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
        $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiEmulatorStartFailed,*'
        $err.Exception.Message | Should -Match 'did not report ready within 2 s'
        $fakePid = [int](Get-Content $pidFile)
        Get-Process -Id $fakePid -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'starts nothing with -WhatIf' {
        $before = @(Get-Process -ErrorAction Ignore | Where-Object { $_.CommandLine -like "*$Dll*" }).Count
        Start-IgtimiEmulator -Path $Dll -WhatIf | Should -BeNullOrEmpty
        @(Get-Process -ErrorAction Ignore | Where-Object { $_.CommandLine -like "*$Dll*" }).Count | Should -Be $before
    }

    It 'shows a table of flavor, process id, state, address and source' {
        $e = Start-IgtimiEmulator -Path $Dll
        try {
            $table = $e | Format-Table | Out-String
            $table | Should -Match 'Flavor\s+ProcessId\s+IsRunning\s+BaseUri\s+Source'
            $table | Should -Match "Igtimi\s+$($e.ProcessId)\s+True\s+$([regex]::Escape($e.BaseUri.AbsoluteUri))\s+-Path"
        }
        finally { $e | Stop-IgtimiEmulator }
    }
}
