# Shared set-up of the test files; dot-source it in BeforeAll (or BeforeDiscovery):
#   BeforeAll { . "$PSScriptRoot/TestSetup.ps1" }
# The suite's helpers (TestHelpers.psm1), the staged module ($Module), the seeded emulator-only
# secrets ($secrets) and the small functions more than one test file uses. Files that need an emulator
# dot-source EmulatorTestSetup.ps1 or WorldTestSetup.ps1 instead, which start with this one.
Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
$script:Module = Import-Module (Get-IgtimiTestPaths).Manifest -Force -PassThru
$script:secrets = Get-IgtimiTestSecrets

# One comparable line per point: serial, type, DSI, time and the values.
function Get-PointKey {
    param([object[]] $Points)
    foreach ($p in $Points) { '{0}|{1}|{2}|{3}|{4}' -f $p.SerialNumber, $p.Type, $p.Dsi, $p.UnixTimeMilliseconds, ($p.Values -join ',') }
}

# A PowerShell with a runspace of its own whose first statement imports the staged module: add the
# command under test, BeginInvoke() it, then Measure-PowerShellStop it.
function New-ModulePowerShell {
    [powershell]::Create().AddCommand('Import-Module').AddParameter('Name', (Get-IgtimiTestPaths).Manifest).AddStatement()
}

# Stops a running PowerShell as Ctrl+C does (StopProcessing) and returns how long Stop() took, in seconds.
function Measure-PowerShellStop {
    param([Parameter(Mandatory)][powershell] $PowerShell)
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $PowerShell.Stop()
    $watch.Elapsed.TotalSeconds
}
