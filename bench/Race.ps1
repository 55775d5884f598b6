<#
.SYNOPSIS
Measure-IgtimiRace against Get-IgtimiData over the same data: the 15 fleet devices (12 YachtBots as boats, 3 WindBots as
wind stations) for 4 hours at 1 Hz, i.e. 60 device-hours, the size of 20 boats x 3 hours. Each run in its own pwsh
process, against a warmed-up emulator. Target: Measure-IgtimiRace <= 1.5x Get-IgtimiData (the same types, into $null).
Exits 0 either way (PASS/FAIL is printed); non-zero only when a run itself fails.

.EXAMPLE
dotnet pwsh ./bench/Race.ps1
#>
[CmdletBinding()]
param(
    [string] $ModulePath = $env:IGTIMIPS_BENCH_MODULE,
    [string] $EmulatorPath = $env:IGTIMIPS_TEST_EMULATOR,
    [double] $Hours = 4
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = Split-Path $PSScriptRoot -Parent
Import-Module (Join-Path $root 'tests/IgtimiPS.Tests/TestHelpers.psm1') -Force
$paths = Get-IgtimiTestPaths
if (-not $ModulePath) { $ModulePath = $paths.Manifest }
if (-not $EmulatorPath) { $EmulatorPath = $paths.Emulator }
foreach ($path in $ModulePath, $EmulatorPath) {
    if (-not (Test-Path $path)) { throw "Missing $path; run './build.ps1 Build' first." }
}

$token = (Get-IgtimiTestSecrets).Tokens.owner
$start = [DateTimeOffset]::new(2025, 6, 15, 10, 0, 0, [TimeSpan]::Zero)
$end = $start.AddHours($Hours)
$emulator = Start-IgtimiTestEmulator -EmulatorPath $EmulatorPath -ExtraArgs '--anchor-date', '2025-06-15', '--hz', '1'
try {
    $common = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
Connect-Igtimi -BaseUri '$($emulator.BaseUri)' -AccessToken '$token'
`$devices = Get-IgtimiDevice
`$boats = @(`$devices | Where-Object Name -like 'YB-*' | ForEach-Object SerialNumber)
`$wind = @(`$devices | Where-Object Name -like 'WB-*' | ForEach-Object SerialNumber)
`$start = [DateTimeOffset]::FromUnixTimeMilliseconds($($start.ToUnixTimeMilliseconds()))
`$end = [DateTimeOffset]::FromUnixTimeMilliseconds($($end.ToUnixTimeMilliseconds()))
"@
    $runs = [ordered]@{
        warm    = "Get-IgtimiData -SerialNumber (`$boats + `$wind) -Start `$start -End `$end -Type 1, 6, 8, 9, 11, 12 -Raw > `$null; '@@0'"
        data    = "`$sw = [Diagnostics.Stopwatch]::StartNew()
Get-IgtimiData -SerialNumber (`$boats + `$wind) -Start `$start -End `$end -Type 1, 6, 8, 9, 11, 12 > `$null
'@@' + `$sw.Elapsed.TotalSeconds"
        measure = "`$sw = [Diagnostics.Stopwatch]::StartNew()
`$n = @(Measure-IgtimiRace -SerialNumber `$boats -WindStation `$wind -Start `$start -End `$end -WarningAction SilentlyContinue).Count
'@@' + `$sw.Elapsed.TotalSeconds"
    }
    $seconds = @{}
    foreach ($name in $runs.Keys) {
        Write-Host "Running ($name) ..."
        $run = Invoke-IgtimiTestPwsh -Command ($common + "`n" + $runs[$name]) -TimeoutSeconds 900
        $line = $run.Output | Where-Object { $_ -like '@@*' } | Select-Object -Last 1
        if ($run.ExitCode -ne 0 -or -not $line) { throw "Run ($name) failed (exit code $($run.ExitCode)): $($run.Output -join "`n") $($run.ErrorText)" }
        $seconds[$name] = [double]::Parse($line.Substring(2), [cultureinfo]::InvariantCulture)
    }
}
finally {
    Stop-IgtimiTestEmulator $emulator
}
"Payload: 15 devices x $Hours h at 1 Hz, types 1, 6, 8, 9, 11, 12"
"Get-IgtimiData > `$null:  {0:0.00} s" -f $seconds['data']
"Measure-IgtimiRace:       {0:0.00} s" -f $seconds['measure']
$ratio = $seconds['measure'] / $seconds['data']
"Measure / Get-IgtimiData: {0:0.00}x (target <= 1.5x): {1}" -f $ratio, $(if ($ratio -le 1.5) { 'PASS' } else { 'FAIL' })
