<#
.SYNOPSIS
The archive and the pipeline, in one run, each measurement in its own pwsh process, against the same
>= 1,000,000-point payload as bench/Data.ps1 (16 devices, one regatta day at 1 Hz):
  (d) the floor of the wire: download the body and merely tokenize it (HttpClient + Utf8JsonReader, compiled);
  (s) Save-IgtimiData of that payload into a fresh archive;
  (m) Save-IgtimiData of >= 10,000,000 points (the 4 regatta days from a second emulator at -MemoryHz) in one
      process, into a fresh archive: its peak working set;
  (a) Get-IgtimiData ... > $null (typed points);
  (r) Get-IgtimiData ... -Raw > $null (download and parse into column blocks, no object per point): what (a) costs before
      its points exist, shown beside the pipeline floor;
  (p) the pipeline floor: Invoke-Floor > $null, a compiled cmdlet (bench/Floor, built here with dotnet build,
      not part of the module) writing as many ready-made points of the module's own types, one WriteObject each;
  (x) $x = Get-IgtimiData ... (the points collected);
  (q) $x = Invoke-Floor (the floor collected the same way).
Targets: (s) <= 1.3x (d); (m) peak working set < 200 MB with >= 10,000,000 rows; (a) <= 1.3x (p); (x) <= 1.3x (q).
Exits 0 either way (PASS/FAIL is printed); non-zero only when a run itself fails.

.EXAMPLE
dotnet pwsh ./build.ps1 Bench
#>
[CmdletBinding()]
param(
    [string] $ModulePath = $env:IGTIMIPS_BENCH_MODULE,
    [string] $EmulatorPath = $env:IGTIMIPS_TEST_EMULATOR,
    [double] $Hz = 1,
    [double] $MemoryHz = 2
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

# The floor cmdlet, compiled against the staged module's point types.
$floorOut = Join-Path $root 'out/bench-floor'
$clientDll = Join-Path (Split-Path $ModulePath -Parent) 'Igtimi.Client.dll'
Write-Host 'Building bench/Floor ...'
$build = & dotnet build (Join-Path $PSScriptRoot 'Floor/Floor.csproj') -c Release -o $floorOut --nologo -v q "-p:IgtimiClientDll=$clientDll" 2>&1
if ($LASTEXITCODE -ne 0) { throw "dotnet build bench/Floor failed:`n$($build -join "`n")" }
$floorDll = Join-Path $floorOut 'IgtimiPS.Bench.Floor.dll'

$token = (Get-IgtimiTestSecrets).Tokens.owner
$start = [DateTimeOffset]::new(2025, 6, 15, 0, 0, 0, [TimeSpan]::Zero)
$end = $start.AddDays(1).AddMilliseconds(-1)
# The whole regatta: the anchor day and the 3 days before.
$memoryStart = $start.AddDays(-3)
$types = 1, 2, 3, 6, 8, 9, 11, 12, 13, 15
$archives = Join-Path ([System.IO.Path]::GetTempPath()) "igtimips-bench-archive-$PID"

$emulator = Start-IgtimiTestEmulator -EmulatorPath $EmulatorPath -ExtraArgs '--anchor-date', '2025-06-15', '--hz', "$Hz"
$bigEmulator = $null
try {
    $bigEmulator = Start-IgtimiTestEmulator -EmulatorPath $EmulatorPath -ExtraArgs '--anchor-date', '2025-06-15', '--hz', "$MemoryHz"
    $auth = @{ Authorization = "Bearer $token" }
    $serials = @((Invoke-RestMethod -NoProxy -Uri ($emulator.BaseUri + 'api/v1/devices') -Headers $auth).devices.device.serial_number)
    $typeQuery = ($types | ForEach-Object { "types%5B$_%5D=0" }) -join '&'
    $query = @(
        "start_time=$($start.ToUnixTimeMilliseconds())", "end_time=$($end.ToUnixTimeMilliseconds())"
        $serials | ForEach-Object { "serial_numbers%5B%5D=$_" }
    ) -join '&'
    $dataUri = $emulator.BaseUri + 'api/v1/resources/data?' + $query + '&' + $typeQuery

    $common = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
`$token = '$token'
`$serials = @('$($serials -join "','")')
`$types = @($($types -join ','))
`$start = [DateTimeOffset]::FromUnixTimeMilliseconds($($start.ToUnixTimeMilliseconds()))
`$end = [DateTimeOffset]::FromUnixTimeMilliseconds($($end.ToUnixTimeMilliseconds()))
`$memoryStart = [DateTimeOffset]::FromUnixTimeMilliseconds($($memoryStart.ToUnixTimeMilliseconds()))
`$uri = '$dataUri'
function Report([string] `$name, [double] `$seconds, [long] `$points) {
    [System.GC]::Collect()
    `$peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB
    '@@' + (@{ name = `$name; seconds = `$seconds; points = `$points; peakMB = `$peak } | ConvertTo-Json -Compress)
}
"@
    $connect = "Import-Module '$ModulePath'; Connect-Igtimi -BaseUri '$($emulator.BaseUri)' -AccessToken `$token"
    $connectBig = "Import-Module '$ModulePath'; Connect-Igtimi -BaseUri '$($bigEmulator.BaseUri)' -AccessToken `$token"
    $floor = "Import-Module '$ModulePath'; Import-Module '$floorDll'"
    $runs = [ordered]@{
        'd' = @"
Add-Type -Path '$tokenizer'
`$sw = [Diagnostics.Stopwatch]::StartNew()
`$numbers = [Tokenizer]::CountNumbers(`$uri, `$token)
Report 'd' `$sw.Elapsed.TotalSeconds 0
"@
        's' = @"
$connect
`$sw = [Diagnostics.Stopwatch]::StartNew()
`$r = Save-IgtimiData -Path '$archives/s' -SerialNumber `$serials -Start `$start -End `$end -Type `$types -Confirm:`$false
Report 's' `$sw.Elapsed.TotalSeconds `$r.Rows
"@
        'm' = @"
$connectBig
`$sw = [Diagnostics.Stopwatch]::StartNew()
`$r = Save-IgtimiData -Path '$archives/m' -SerialNumber `$serials -Start `$memoryStart -End `$end -Type `$types -Confirm:`$false
Report 'm' `$sw.Elapsed.TotalSeconds `$r.Rows
"@
        'a' = @"
$connect
`$sw = [Diagnostics.Stopwatch]::StartNew()
Get-IgtimiData -SerialNumber `$serials -Start `$start -End `$end -Type `$types > `$null
Report 'a' `$sw.Elapsed.TotalSeconds 0
"@
        'r' = @"
$connect
`$sw = [Diagnostics.Stopwatch]::StartNew()
Get-IgtimiData -SerialNumber `$serials -Start `$start -End `$end -Type `$types -Raw > `$null
Report 'r' `$sw.Elapsed.TotalSeconds 0
"@
        'x' = @"
$connect
`$sw = [Diagnostics.Stopwatch]::StartNew()
`$x = Get-IgtimiData -SerialNumber `$serials -Start `$start -End `$end -Type `$types
Report 'x' `$sw.Elapsed.TotalSeconds `$x.Count
"@
    }

    # Both emulators answer the whole window once before anything is timed (a cold emulator serves its first answers
    # several times slower).
    Write-Host 'Warming up both emulators ...'
    $window = "start_time=$($start.ToUnixTimeMilliseconds())&end_time=$($end.ToUnixTimeMilliseconds())&$typeQuery"
    foreach ($serial in $serials) {
        $null = Invoke-WebRequest -NoProxy -Uri ($emulator.BaseUri + "api/v1/resources/data?serial_numbers%5B%5D=$serial&$window") -Headers $auth
    }
    $null = Invoke-WebRequest -NoProxy -Uri ($bigEmulator.BaseUri + "api/v1/resources/data?serial_numbers%5B%5D=$($serials[0])&$window") -Headers $auth

    $results = @{}
    function Invoke-Run([string] $Name, [string] $Script) {
        Write-Host "Running ($Name) ..."
        $run = Invoke-IgtimiTestPwsh -Command ($common + "`n" + $Script) -TimeoutSeconds 1800
        $line = $run.Output | Where-Object { $_ -like '@@*' } | Select-Object -Last 1
        if ($run.ExitCode -ne 0 -or -not $line) { throw "Run ($Name) failed (exit code $($run.ExitCode)): $($run.Output -join "`n") $($run.ErrorText)" }
        $results[$Name] = $line.Substring(2) | ConvertFrom-Json
    }
    foreach ($name in $runs.Keys) { Invoke-Run $name $runs[$name] }

    # The floor writes as many points as the archive got rows for the payload.
    $count = [long]$results['s'].points
    Invoke-Run 'p' @"
$floor
Initialize-Floor -Count $count
`$sw = [Diagnostics.Stopwatch]::StartNew()
Invoke-Floor > `$null
Report 'p' `$sw.Elapsed.TotalSeconds 0
"@
    Invoke-Run 'q' @"
$floor
Initialize-Floor -Count $count
`$sw = [Diagnostics.Stopwatch]::StartNew()
`$x = Invoke-Floor
Report 'q' `$sw.Elapsed.TotalSeconds `$x.Count
"@
}
finally {
    Stop-IgtimiTestEmulator $emulator
    if ($bigEmulator) { Stop-IgtimiTestEmulator $bigEmulator }
    if (Test-Path $archives) { Remove-Item $archives -Recurse -Force }
}

$points = [long]$results['s'].points
if ([long]$results['x'].points -ne $points) {
    Write-Warning "Get-IgtimiData gave $($results['x'].points) points, Save-IgtimiData archived $points rows."
}
$labels = [ordered]@{
    d = '(d) download + tokenize (floor)'
    s = '(s) Save-IgtimiData into a fresh archive'
    m = "(m) Save-IgtimiData, 4 days at $MemoryHz Hz"
    a = '(a) Get-IgtimiData > $null'
    r = '(r) Get-IgtimiData -Raw > $null'
    p = '(p) floor: Invoke-Floor > $null'
    x = '(x) $x = Get-IgtimiData'
    q = '(q) floor: $x = Invoke-Floor'
}
$rows = foreach ($name in $labels.Keys) {
    $r = $results[$name]
    $n = if ($name -eq 'm') { [long]$r.points } else { $points }
    [pscustomobject]@{
        Run            = $labels[$name]
        Points         = $n.ToString('N0')
        Seconds        = [math]::Round($r.seconds, 2)
        'Points/s'     = [long][math]::Round($n / $r.seconds)
        'Peak WS (MB)' = [math]::Round($r.peakMB)
    }
}
"Payload: $($points.ToString('N0')) points (16 devices, types $($types -join ','), $Hz Hz, one regatta day)"
$rows | Format-Table -AutoSize | Out-String -Width 200

function Verdict([bool] $ok) { if ($ok) { 'PASS' } else { 'FAIL' } }
$sOverD = $results['s'].seconds / $results['d'].seconds
"(s) / (d) time, archive against download + tokenize: {0:0.00}x (target <= 1.3x): {1}" -f $sOverD, (Verdict ($sOverD -le 1.3))
$mRows = [long]$results['m'].points
$mPeak = $results['m'].peakMB
"(m) peak working set archiving {0:N0} rows in one process: {1:0} MB (target < 200 MB with >= 10,000,000 rows): {2}" -f $mRows, $mPeak,
    (Verdict ($mPeak -lt 200 -and $mRows -ge 10000000))
"(s) peak working set: {0:0} MB" -f $results['s'].peakMB
$aOverP = $results['a'].seconds / $results['p'].seconds
"(a) / (p) time, Get-IgtimiData > `$null against the pipeline floor: {0:0.00}x (target <= 1.3x): {1}" -f $aOverP, (Verdict ($aOverP -le 1.3))
"    (r) / (p): downloading and parsing alone, before any point object exists, takes {0:0.00}x the pipeline floor; (a) / (r): {1:0.00}x" -f
    ($results['r'].seconds / $results['p'].seconds), ($results['a'].seconds / $results['r'].seconds)
$xOverQ = $results['x'].seconds / $results['q'].seconds
"(x) / (q) time, `$x = Get-IgtimiData against `$x = Invoke-Floor: {0:0.00}x (target <= 1.3x): {1}" -f $xOverQ, (Verdict ($xOverQ -le 1.3))
