<#
.SYNOPSIS
How long Import-Module IgtimiPS adds to a pwsh start: the median of 10 runs of
`pwsh -NoProfile -NonInteractive -c "Import-Module <staged psd1>"` minus the median of
`pwsh -NoProfile -NonInteractive -c exit`, each measured from process start to exit with one
warm-up run first (started by Invoke-ChildPwsh of build/DevProcess.psm1, which passes the command
as -EncodedCommand). Target: <= 250 ms. Prints PASS/FAIL and exits 0 either way; exits non-zero only
when a run itself fails (for example the module does not import).

.EXAMPLE
dotnet pwsh ./build.ps1 Bench
#>
[CmdletBinding()]
param(
    [string] $ModulePath = $env:IGTIMIPS_BENCH_MODULE,
    [int] $Runs = 10,
    [double] $TargetMs = 250
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = Split-Path $PSScriptRoot -Parent
Import-Module (Join-Path $root 'build/DevProcess.psm1') -Force
Import-Module (Join-Path $root 'tests/IgtimiPS.Tests/TestHelpers.psm1') -Force
if (-not $ModulePath) { $ModulePath = (Get-IgtimiTestPaths).Manifest }
if (-not (Test-Path $ModulePath)) { throw "No staged module at $ModulePath; run './build.ps1 Build' first." }

# A fresh pwsh of this same version, from process start to exit.
function Measure-Pwsh([string] $Command) {
    $r = Invoke-ChildPwsh -Command $Command -Capture -CaptureError
    if ($r.ExitCode -ne 0) { throw "pwsh -c `"$Command`" failed (exit code $($r.ExitCode)): $($r.Output -join "`n")$($r.ErrorText)" }
    $r.Elapsed.TotalMilliseconds
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

$bare = 'exit'
$import = "Import-Module '$($ModulePath -replace "'", "''")' -ErrorAction Stop"

# One warm-up each (disk cache, JIT of the host), then the two commands alternate so that any drift
# of the machine's load affects both the same way.
$null = Measure-Pwsh $bare
$null = Measure-Pwsh $import
$bareMs = [System.Collections.Generic.List[double]]::new()
$importMs = [System.Collections.Generic.List[double]]::new()
for ($i = 0; $i -lt $Runs; $i++) {
    $bareMs.Add((Measure-Pwsh $bare))
    $importMs.Add((Measure-Pwsh $import))
}

$bareMedian = Get-Median $bareMs
$importMedian = Get-Median $importMs
$cost = $importMedian - $bareMedian
$verdict = if ($cost -le $TargetMs) { 'PASS' } else { 'FAIL' }

[pscustomobject[]]@(
    [pscustomobject]@{ Measure = 'pwsh -c exit'; 'Median (ms)' = [Math]::Round($bareMedian, 1); Target = ''; Result = '' }
    [pscustomobject]@{ Measure = 'pwsh -c "Import-Module IgtimiPS"'; 'Median (ms)' = [Math]::Round($importMedian, 1); Target = ''; Result = '' }
    [pscustomobject]@{ Measure = 'Import-Module cost (difference)'; 'Median (ms)' = [Math]::Round($cost, 1); Target = "<= $TargetMs ms"; Result = $verdict }
) | Format-Table -AutoSize | Out-Host
Write-Host "Import-Module IgtimiPS: $([Math]::Round($cost)) ms over a bare pwsh start ($Runs runs each, medians); target <= $TargetMs ms: $verdict"
exit 0
