# Stop-IgtimiEmulator against the staged module and the emulator in out/emulator.
BeforeAll {
    . "$PSScriptRoot/TestSetup.ps1"
    $script:Dll = (Get-IgtimiTestPaths).Emulator
}

AfterAll { Stop-IgtimiEmulator }

Describe 'Stop-IgtimiEmulator' {
    It 'stops an emulator from the pipeline and waits until its process is gone' {
        $e = Start-IgtimiEmulator -Path $Dll
        Get-Process -Id $e.ProcessId | Should -Not -BeNullOrEmpty
        $e | Stop-IgtimiEmulator | Should -BeNullOrEmpty
        $e.IsRunning | Should -BeFalse
        Get-Process -Id $e.ProcessId -ErrorAction Ignore | Should -BeNullOrEmpty
        { Invoke-RestMethod -NoProxy -Uri "$($e.BaseUri)api/v1/devices" -TimeoutSec 5 } | Should -Throw
        { $e | Stop-IgtimiEmulator } | Should -Not -Throw   # a second stop does no harm
    }

    It 'without -InputObject stops every emulator of the session; -PassThru writes each' {
        $a = Start-IgtimiEmulator -Path $Dll
        $b = Start-IgtimiEmulator -Path $Dll -Flavor Sap
        $stopped = @(Stop-IgtimiEmulator -PassThru)
        @($stopped.ProcessId | Sort-Object) | Should -Be @(@($a.ProcessId, $b.ProcessId) | Sort-Object)
        $stopped.IsRunning | Should -Not -Contain $true
        Get-Process -Id $a.ProcessId, $b.ProcessId -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'leaves the emulator running with -WhatIf' {
        $e = Start-IgtimiEmulator -Path $Dll
        try {
            Stop-IgtimiEmulator -InputObject $e -WhatIf
            $e.IsRunning | Should -BeTrue
            (Invoke-RestMethod -NoProxy -Uri "$($e.BaseUri)api/v1/devices" -Headers @{ Authorization = "Bearer $($e.OwnerToken)" }).devices |
                Should -Not -BeNullOrEmpty
        }
        finally { Stop-IgtimiEmulator -InputObject $e }
        $e.IsRunning | Should -BeFalse
    }

    It 'Remove-Module and the exit of PowerShell stop the emulators left running' {
        $command = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$((Get-IgtimiTestPaths).Manifest)'
`$removed = Start-IgtimiEmulator -Path '$Dll'
Remove-Module IgtimiPS
'REMOVED:' + `$removed.ProcessId + ':' + [bool](Get-Process -Id `$removed.ProcessId -ErrorAction Ignore)
Import-Module '$((Get-IgtimiTestPaths).Manifest)'
'LEFT:' + (Start-IgtimiEmulator -Path '$Dll').ProcessId
"@
        $r = Invoke-IgtimiTestPwsh $command
        $r.ExitCode | Should -Be 0 -Because ($r.Output + $r.ErrorText -join "`n")
        @($r.Output -match '^LEFT:').Count | Should -Be 1 -Because ($r.Output -join "`n")
        $left = [int](@($r.Output -match '^LEFT:')[0] -replace '^LEFT:')
        $left | Should -BeGreaterThan 0
        Get-Process -Id $left -ErrorAction Ignore | Should -BeNullOrEmpty
    }
}
