<#
.SYNOPSIS
Device data throughput: the same >= 1,000,000-point payload from the emulator, downloaded four ways,
each in its own pwsh process:
  (a) Get-IgtimiData into $null (typed points; `> $null`, since `$null = ...` makes PowerShell
      collect the whole output before discarding it);
  (b) Get-IgtimiData -Raw (column blocks);
  (c) what a user writes by hand: Invoke-RestMethod, then loops building one [pscustomobject] per point;
  (d) the floor: download the body and merely tokenize it (HttpClient + Utf8JsonReader, compiled);
  (e) Get-IgtimiData into $null from the emulator in the SAP flavor: the same world's points as
      shuffled base64 protobuf messages (with the duplicates of overlapping access windows);
  (f) the same as (e) with -Raw, counting the points (they must equal (b)'s).
Each run but (c) is made -Repeat times (default 3), the rounds interleaved, after both emulators served the
download twice untimed; a run's median time and highest peak working set count.
Prints points per second, peak working set and the ratios against the targets:
(a) >= 25x the throughput of (c) with a peak working set <= 200 MB; (b) within 1.5x of (d);
(e) within 1.5x of (a) with a peak working set <= 200 MB.
Exits 0 either way (PASS/FAIL is printed); non-zero only when a run itself fails.

.EXAMPLE
dotnet pwsh ./build.ps1 Bench
#>
[CmdletBinding()]
param(
    [string] $ModulePath = $env:IGTIMIPS_BENCH_MODULE,
    [string] $EmulatorPath = $env:IGTIMIPS_TEST_EMULATOR,
    [double] $Hz = 1,
    [ValidateRange(1, 9)][int] $Repeat = 3,
    [switch] $SkipHandWritten
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = Split-Path $PSScriptRoot -Parent
$tokenizer = Join-Path $PSScriptRoot 'Tokenizer.cs'
Import-Module (Join-Path $root 'tests/IgtimiPS.Tests/TestHelpers.psm1') -Force
$paths = Get-IgtimiTestPaths
if (-not $ModulePath) { $ModulePath = $paths.Manifest }
if (-not $EmulatorPath) { $EmulatorPath = $paths.Emulator }
foreach ($path in $ModulePath, $EmulatorPath) {
    if (-not (Test-Path $path)) { throw "Missing $path; run './build.ps1 Build' first." }
}

$token = (Get-IgtimiTestSecrets).Tokens.owner
$start = [DateTimeOffset]::new(2025, 6, 15, 0, 0, 0, [TimeSpan]::Zero)
$end = $start.AddDays(1).AddMilliseconds(-1)
$types = 1, 2, 3, 6, 8, 9, 11, 12, 13, 15
# The same types in the SAP dialect, where type codes are protobuf case numbers and the battery (15) is case 50.
$sapTypes = 1, 2, 3, 6, 8, 9, 11, 12, 13, 50
$sapToken = (Get-IgtimiTestSecrets).SapTokens.owner

$emulator = Start-IgtimiTestEmulator -EmulatorPath $EmulatorPath -ExtraArgs '--anchor-date', '2025-06-15', '--hz', "$Hz"
$sapEmulator = $null
try {
    $sapEmulator = Start-IgtimiTestEmulator -EmulatorPath $EmulatorPath -ExtraArgs '--anchor-date', '2025-06-15', '--hz', "$Hz", '--flavor', 'sap'
    $serials = @((Invoke-RestMethod -NoProxy -Uri ($emulator.BaseUri + 'api/v1/devices') -Headers @{ Authorization = "Bearer $token" }).devices.device.serial_number)
    $query = @(
        "start_time=$($start.ToUnixTimeMilliseconds())", "end_time=$($end.ToUnixTimeMilliseconds())"
        $serials | ForEach-Object { "serial_numbers%5B%5D=$_" }
        $types | ForEach-Object { "types%5B$_%5D=0" }
    ) -join '&'
    $dataUri = $emulator.BaseUri + 'api/v1/resources/data?' + $query

    $common = @"
`$ErrorActionPreference = 'Stop'
`$token = '$token'
`$serials = @('$($serials -join "','")')
`$types = @($($types -join ','))
`$sapTypes = @($($sapTypes -join ','))
`$start = [DateTimeOffset]::FromUnixTimeMilliseconds($($start.ToUnixTimeMilliseconds()))
`$end = [DateTimeOffset]::FromUnixTimeMilliseconds($($end.ToUnixTimeMilliseconds()))
`$uri = '$dataUri'
function Report([string] `$name, [double] `$seconds, [long] `$points) {
    [System.GC]::Collect()
    `$peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB
    '@@' + (@{ name = `$name; seconds = `$seconds; points = `$points; peakMB = `$peak } | ConvertTo-Json -Compress)
}
"@
    $connect = "Import-Module '$ModulePath'; Connect-Igtimi -BaseUri '$($emulator.BaseUri)' -AccessToken `$token"
    $connectSap = "Import-Module '$ModulePath'; Connect-Igtimi -BaseUri '$($sapEmulator.BaseUri)' -AccessToken '$sapToken'"
    $runs = [ordered]@{
        'a' = @"
$connect
`$sw = [Diagnostics.Stopwatch]::StartNew()
Get-IgtimiData -SerialNumber `$serials -Start `$start -End `$end -Type `$types > `$null
Report 'a' `$sw.Elapsed.TotalSeconds 0
"@
        'b' = @"
$connect
`$sw = [Diagnostics.Stopwatch]::StartNew()
`$n = 0L
Get-IgtimiData -SerialNumber `$serials -Start `$start -End `$end -Type `$types -Raw | ForEach-Object { `$n += `$_.Count }
Report 'b' `$sw.Elapsed.TotalSeconds `$n
"@
        'e' = @"
$connectSap
`$sw = [Diagnostics.Stopwatch]::StartNew()
Get-IgtimiData -SerialNumber `$serials -Start `$start -End `$end -Type `$sapTypes > `$null
Report 'e' `$sw.Elapsed.TotalSeconds 0
"@
        'f' = @"
$connectSap
`$sw = [Diagnostics.Stopwatch]::StartNew()
`$n = 0L
Get-IgtimiData -SerialNumber `$serials -Start `$start -End `$end -Type `$sapTypes -Raw | ForEach-Object { `$n += `$_.Count }
Report 'f' `$sw.Elapsed.TotalSeconds `$n
"@
        'd' = @"
Add-Type -Path '$tokenizer'
`$sw = [Diagnostics.Stopwatch]::StartNew()
`$numbers = [Tokenizer]::CountNumbers(`$uri, `$token)
Report 'd' `$sw.Elapsed.TotalSeconds 0
"@
    }
    if (-not $SkipHandWritten) {
        $runs['c'] = @"
`$sw = [Diagnostics.Stopwatch]::StartNew()
`$response = Invoke-RestMethod -Uri `$uri -Headers @{ Authorization = "Bearer `$token" }
`$n = 0L
`$null = foreach (`$device in `$response.PSObject.Properties) {
    foreach (`$type in `$device.Value.PSObject.Properties) {
        `$block = `$type.Value
        `$t = `$block.t
        for (`$i = 0; `$i -lt `$t.Count; `$i++) {
            `$n++
            [pscustomobject]@{
                SerialNumber = `$device.Name
                Type         = `$type.Name
                Timestamp    = [DateTimeOffset]::FromUnixTimeMilliseconds([long]`$t[`$i])
                Value1       = `$block.'1'[`$i]
                Value2       = if (`$block.PSObject.Properties['2']) { `$block.'2'[`$i] }
                Value3       = if (`$block.PSObject.Properties['3']) { `$block.'3'[`$i] }
            }
        }
    }
}
Report 'c' `$sw.Elapsed.TotalSeconds `$n
"@
    }

    # Each emulator serves the whole download twice, to a client process that is then thrown away, before anything
    # is timed: a server that has answered once is still partly running unoptimized code (the runtime optimizes hot
    # methods only after a delay), and that would be timed as the client's cost, more for the dialect whose turn
    # comes when its emulator is colder. A real server is warm.
    Write-Host 'Warming up both emulators ...'
    foreach ($pass in 1, 2) {
        foreach ($name in 'a', 'e') {
            $warm = Invoke-IgtimiTestPwsh -Command ($common + "`n" + $runs[$name]) -TimeoutSeconds 900
            if ($warm.ExitCode -ne 0) { throw "Warm-up run ($name) failed (exit code $($warm.ExitCode)): $($warm.Output -join "`n") $($warm.ErrorText)" }
        }
    }

    # Every run but the slow hand-written one is repeated, the repeats interleaved, and its median time counts (its
    # highest peak working set, for the bound): the machine's speed drifts within a minute, and a ratio of two single
    # runs made at different moments measures the drift as much as the code.
    $times = @{}
    $results = @{}
    for ($round = 1; $round -le $Repeat; $round++) {
        foreach ($name in $runs.Keys) {
            if ($name -eq 'c' -and $round -gt 1) { continue }
            Write-Host "Running ($name), round $round of $Repeat ..."
            $run = Invoke-IgtimiTestPwsh -Command ($common + "`n" + $runs[$name]) -TimeoutSeconds 900
            $line = $run.Output | Where-Object { $_ -like '@@*' } | Select-Object -Last 1
            if ($run.ExitCode -ne 0 -or -not $line) { throw "Run ($name) failed (exit code $($run.ExitCode)): $($run.Output -join "`n") $($run.ErrorText)" }
            $result = $line.Substring(2) | ConvertFrom-Json
            if (-not $times.Contains($name)) { $times[$name] = [System.Collections.Generic.List[double]]::new(); $results[$name] = $result }
            $times[$name].Add($result.seconds)
            if ($result.peakMB -gt $results[$name].peakMB) { $results[$name].peakMB = $result.peakMB }
            if ($result.points -ne $results[$name].points) { Write-Warning "Run ($name) counted $($result.points) points, earlier $($results[$name].points)." }
        }
    }
    foreach ($name in @($results.Keys)) {
        $sorted = @($times[$name] | Sort-Object)
        $results[$name].seconds = $sorted[[int][math]::Floor(($sorted.Count - 1) / 2)]
    }
}
finally {
    Stop-IgtimiTestEmulator $emulator
    if ($sapEmulator) { Stop-IgtimiTestEmulator $sapEmulator }
}

$points = [long]$results['b'].points
if ($results.Contains('c') -and [long]$results['c'].points -ne $points) {
    Write-Warning "The hand-written script counted $($results['c'].points) points, the module $points."
}
if ([long]$results['f'].points -ne $points) {
    Write-Warning "The SAP dialect gave $($results['f'].points) points, the igtimi.com dialect $points."
}
$labels = @{
    a = '(a) Get-IgtimiData > $null'
    b = '(b) Get-IgtimiData -Raw'
    c = '(c) Invoke-RestMethod + [pscustomobject] loop'
    d = '(d) download + tokenize (floor)'
    e = '(e) SAP protobuf: Get-IgtimiData > $null'
    f = '(f) SAP protobuf: Get-IgtimiData -Raw'
}
$rows = foreach ($name in 'a', 'b', 'c', 'd', 'e', 'f') {
    if (-not $results.Contains($name)) { continue }
    $r = $results[$name]
    [pscustomobject]@{
        Run            = $labels[$name]
        Seconds        = [math]::Round($r.seconds, 2)
        'Points/s'     = [math]::Round($points / $r.seconds)
        'Peak WS (MB)' = [math]::Round($r.peakMB)
        'Runs (s)'     = ($times[$name] | ForEach-Object { $_.ToString('0.00', [cultureinfo]::InvariantCulture) }) -join ' '
    }
}
"Payload: $($points.ToString('N0')) points (16 devices, types $($types -join ','), $Hz Hz, one regatta day)"
$rows | Format-Table -AutoSize | Out-String -Width 200

$aPeak = $results['a'].peakMB
$bOverD = $results['b'].seconds / $results['d'].seconds
"(b) / (d) time: {0:0.00}x (target <= 1.5x): {1}" -f $bOverD, $(if ($bOverD -le 1.5) { 'PASS' } else { 'FAIL' })
"(a) peak working set: {0:0} MB (target <= 200 MB): {1}" -f $aPeak, $(if ($aPeak -le 200) { 'PASS' } else { 'FAIL' })
$eOverA = $results['e'].seconds / $results['a'].seconds
$ePeak = $results['e'].peakMB
"(e) / (a) time, SAP protobuf against igtimi.com JSON: {0:0.00}x (target <= 1.5x): {1}" -f $eOverA, $(if ($eOverA -le 1.5) { 'PASS' } else { 'FAIL' })
"(e) peak working set: {0:0} MB (target <= 200 MB): {1}" -f $ePeak, $(if ($ePeak -le 200) { 'PASS' } else { 'FAIL' })
"(f) / (b) time, -Raw in both dialects: {0:0.00}x" -f ($results['f'].seconds / $results['b'].seconds)
if ($results.Contains('c')) {
    $aOverC = $results['c'].seconds / $results['a'].seconds
    "(a) / (c) throughput: {0:0.0}x (target >= 25x): {1}" -f $aOverC, $(if ($aOverC -ge 25) { 'PASS' } else { 'FAIL' })
}
