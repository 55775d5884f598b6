#requires -Version 7.4
<#
.SYNOPSIS
Builds, documents, tests, packages, demonstrates and benchmarks IgtimiPS.

.DESCRIPTION
On a machine with only the .NET SDK:  dotnet tool restore && dotnet pwsh ./build.ps1 <Task>

  Build    compile src/IgtimiPS and the emulator, stage out/IgtimiPS/<version>/ (dlls, manifest,
           formats, help from the Docs step) and out/emulator/.
  Docs     docs/en-US/*.md (PlatyPS schema 2.0.0) -> en-US/IgtimiPS.dll-Help.xml + about_*.help.txt
           in the staged module; fails on placeholders, missing pages, < 2 examples, or a parameter
           list that differs from the compiled cmdlet.
  Test     Build, Package, xunit, then Pester in a child pwsh against the staged module and emulator.
           Ends with the line "N passed, N failed[, N skipped]"; non-zero exit on any failure.
  Package  out/packages/IgtimiPS.<version>.nupkg via Publish-PSResource to a temporary file repository,
           and out/packages/Igtimi.Emulator.<version>.nupkg, the emulator as a .NET tool (igtimi-emulator).
  Demo     start the emulator, sign in, read the account, call the API, walk the regatta, download and export a race, sign out.
  Bench    run every bench/*.ps1.

.EXAMPLE
dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Docs', 'Test', 'Package', 'Demo', 'Bench')]
    [string] $Task = 'Build',

    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ProgressPreference = 'SilentlyContinue'

#region Paths

$Root = $PSScriptRoot
$ManifestPath = Join-Path $Root 'IgtimiPS.psd1'
$Manifest = Import-PowerShellDataFile $ManifestPath
$Version = $Manifest.ModuleVersion
$Out = Join-Path $Root 'out'
$StageRoot = Join-Path $Out 'IgtimiPS'
$Stage = Join-Path $StageRoot $Version
$StagedManifest = Join-Path $Stage 'IgtimiPS.psd1'
$EmulatorDir = Join-Path $Out 'emulator'
$EmulatorDll = Join-Path $EmulatorDir 'Igtimi.Emulator.dll'
$PackagesDir = Join-Path $Out 'packages'
$StageStamp = Join-Path $Out 'IgtimiPS.staged'   # written when Build completes
$ResultsDir = Join-Path $Out 'test-results'
$ModuleProject = Join-Path $Root 'src/IgtimiPS/IgtimiPS.csproj'
$EmulatorProject = Join-Path $Root 'src/Igtimi.Emulator/Igtimi.Emulator.csproj'
$ModuleBin = Join-Path $Root "src/IgtimiPS/bin/$Configuration/netstandard2.0"
$DocsDir = Join-Path $Root 'docs/en-US'
$PesterTests = Join-Path $Root 'tests/IgtimiPS.Tests'
$PesterVersion = '5.7.1'
$TestHelpers = Join-Path $PesterTests 'TestHelpers.psm1'

#endregion

#region Helpers

function Write-Step([string] $Text) {
    Write-Host ''
    Write-Host "==> $Text" -ForegroundColor Cyan
}

# Get-Dotnet and Invoke-ChildPwsh (a fresh pwsh of this version; returns ExitCode and Output, never
# throws on a non-zero exit), shared with tests/IgtimiPS.Tests/TestHelpers.psm1 and bench/.
Import-Module (Join-Path $Root 'build/DevProcess.psm1') -Scope Local -Force
$Dotnet = Get-Dotnet

function Invoke-Dotnet {
    # Runs dotnet with the given arguments, output to the console; throws on a non-zero exit code.
    # A simple function on purpose: $args passes -c, -o, ... through instead of binding them.
    $Arguments = [string[]]$args
    Write-Host "dotnet $($Arguments -join ' ')" -ForegroundColor DarkGray
    & $Dotnet @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed (exit code $LASTEXITCODE)." }
}

function Get-IsolatedEnvironment {
    # Environment for a child pwsh that must not read or change the user's PSResourceGet repository
    # list: on Linux/macOS it lives under XDG_DATA_HOME, so point that at a throw-away folder.
    # (Windows keeps it in a known folder; there the repository is registered and unregistered
    # around the one call.)
    param([string] $Folder)
    if ($IsWindows) { return @{} }
    $null = New-Item -ItemType Directory -Force -Path $Folder
    @{ XDG_DATA_HOME = $Folder }
}

function Test-StagedBuild {
    # True when Build completed after the last change to any source file, manifest or help page.
    if (-not (Test-Path $StageStamp) -or -not (Test-Path $StagedManifest) -or -not (Test-Path $EmulatorDll)) { return $false }
    $stamp = $StageStamp
    $built = (Get-Item $stamp).LastWriteTimeUtc
    $sources = @(Get-ChildItem -Path (Join-Path $Root 'src'), $DocsDir -Recurse -File |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }) + @(Get-Item $ManifestPath, (Join-Path $Root 'Directory.Build.props'))
    -not ($sources | Where-Object { $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1)
}

function Assert-Built {
    if (Test-StagedBuild) { Write-Host "Using the current build in $Stage" -ForegroundColor DarkGray }
    else { Invoke-BuildTask }
}

#endregion

#region Build

function Copy-ModuleFiles {
    Write-Step "Stage $Stage"
    if (Test-Path $StageRoot) { Remove-Item $StageRoot -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $Stage

    # Exactly the runtime assemblies the build resolved (IgtimiPS.deps.json), so stale files in bin/
    # never ship. System.Management.Automation comes from the PowerShell that loads the module.
    $depsFile = Join-Path $ModuleBin 'IgtimiPS.deps.json'
    if (-not (Test-Path $depsFile)) { throw "No $depsFile; did the build succeed?" }
    $deps = Get-Content $depsFile -Raw | ConvertFrom-Json -AsHashtable
    $target = $deps.targets[$deps.runtimeTarget.name]
    $dlls = @(foreach ($lib in $target.Values) {
            if ($lib.ContainsKey('runtime')) { foreach ($f in $lib.runtime.Keys) { Split-Path $f -Leaf } }
        }) | Where-Object { $_ -ne 'System.Management.Automation.dll' } | Sort-Object -Unique
    foreach ($dll in $dlls) {
        $from = Join-Path $ModuleBin $dll
        if (-not (Test-Path $from)) { throw "$dll is listed in IgtimiPS.deps.json but missing from $ModuleBin." }
        Copy-Item $from $Stage
    }
    Copy-ParquetFiles
    Copy-Item $ManifestPath $Stage
    foreach ($format in @($Manifest.FormatsToProcess)) {
        $from = Join-Path $ModuleBin $format
        if (-not (Test-Path $from)) { $from = Join-Path $Root "src/IgtimiPS/$format" }
        Copy-Item $from $Stage
    }
    Write-Host "Staged: $($dlls -join ', '), IgtimiPS.psd1, $(@($Manifest.FormatsToProcess) -join ', ')"
}

function Copy-ParquetFiles {
    # The archive's Parquet format (src/Igtimi.Client.Parquet, net10.0: Parquet.Net needs .NET 8+), loaded by the client on
    # PowerShell 7.6 only, with its own dependencies: the runtime assemblies of its deps.json the module does not already carry.
    $bin = Join-Path $Root "src/Igtimi.Client.Parquet/bin/$Configuration/net10.0"
    $deps = Get-Content (Join-Path $bin 'Igtimi.Client.Parquet.deps.json') -Raw | ConvertFrom-Json -AsHashtable
    $target = $deps.targets[$deps.runtimeTarget.name]
    $added = @(foreach ($lib in $target.Values) {
            if ($lib.ContainsKey('runtime')) { foreach ($f in $lib.runtime.Keys) { Split-Path $f -Leaf } }
        }) | Sort-Object -Unique | Where-Object { -not (Test-Path (Join-Path $Stage $_)) }
    foreach ($dll in $added) { Copy-Item (Join-Path $bin $dll) $Stage }
    Write-Host "Staged for Parquet archives (PowerShell 7.6+): $($added -join ', ')"
}

function Invoke-BuildTask {
    Write-Step "Build IgtimiPS $Version ($Configuration)"
    Invoke-Dotnet build $ModuleProject -c $Configuration "-p:Version=$Version" --nologo
    Invoke-Dotnet build (Join-Path $Root 'src/Igtimi.Client.Parquet/Igtimi.Client.Parquet.csproj') -c $Configuration "-p:Version=$Version" --nologo

    Write-Step 'Build the emulator into out/emulator'
    if (Test-Path $EmulatorDir) { Remove-Item $EmulatorDir -Recurse -Force }
    Invoke-Dotnet publish $EmulatorProject -c $Configuration -o $EmulatorDir "-p:Version=$Version" --nologo

    if (Test-Path $StageStamp) { Remove-Item $StageStamp -Force }
    Copy-ModuleFiles
    Invoke-DocsTask
    Set-Content -LiteralPath $StageStamp -Value "IgtimiPS $Version staged $([DateTime]::UtcNow.ToString('o'))"
    Write-Host ''
    Write-Host "Module:   $StagedManifest" -ForegroundColor Green
    Write-Host "Emulator: dotnet $EmulatorDll --urls http://127.0.0.1:0" -ForegroundColor Green
}

#endregion

#region Docs

function Get-CompiledParameters {
    # Parameter names (without common parameters) of every cmdlet of the staged module, read in a
    # fresh pwsh so this build process never loads the module's assemblies.
    $r = Invoke-ChildPwsh -WorkingDirectory $Root -Capture -Environment @{ IGTIMIPS_DOCS_MODULE = $StagedManifest } -ScriptBlock {
        $ErrorActionPreference = 'Stop'
        $module = Import-Module $env:IGTIMIPS_DOCS_MODULE -PassThru
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        $map = [ordered]@{}
        foreach ($c in $module.ExportedCmdlets.Values) {
            $map[$c.Name] = @($c.Parameters.Keys | Where-Object { $common -notcontains $_ })
        }
        'IGTIMIPS-PARAMETERS:' + ($map | ConvertTo-Json -Compress -Depth 3)
    }
    $line = $r.Output | Where-Object { $_.StartsWith('IGTIMIPS-PARAMETERS:') } | Select-Object -Last 1
    if ($r.ExitCode -ne 0 -or -not $line) {
        throw "Docs: could not import the staged module to compare parameters:`n$($r.Output -join "`n")"
    }
    $line.Substring('IGTIMIPS-PARAMETERS:'.Length) | ConvertFrom-Json -AsHashtable
}

function Invoke-DocsTask {
    Write-Step 'Docs: docs/en-US -> en-US help'
    $actual = $null
    if ((Test-Path $StagedManifest) -and (Test-Path (Join-Path $Stage $Manifest.RootModule))) {
        $actual = Get-CompiledParameters
        Write-Host "Checking parameter lists against $Stage"
    }
    else {
        Write-Warning "No compiled module in $Stage, so parameter lists are not checked. Run './build.ps1 Build'."
    }
    Import-Module (Join-Path $Root 'build/HelpBuilder.psm1') -Force
    $result = Build-ModuleHelp -DocsPath $DocsDir -OutputPath (Join-Path $Stage 'en-US') `
        -MamlFileName "$($Manifest.RootModule)-Help.xml" -ExportedCmdlets @($Manifest.CmdletsToExport) -ActualParameters $actual
    Write-Host "Help: $($result.Pages) cmdlet page(s), $($result.AboutTopics) about topic(s) -> $(Join-Path $Stage 'en-US')"
}

#endregion

#region Package

function Invoke-PackageTask {
    Assert-Built
    Write-Step "Package IgtimiPS $Version"
    $null = New-Item -ItemType Directory -Force -Path $PackagesDir
    $nupkg = Join-Path $PackagesDir "IgtimiPS.$Version.nupkg"
    Get-ChildItem $PackagesDir -Filter "IgtimiPS.$Version.nupkg" | Remove-Item -Force

    $scratch = Join-Path ([System.IO.Path]::GetTempPath()) "igtimips-publish-$([guid]::NewGuid().ToString('n'))"
    try {
        $childEnv = (Get-IsolatedEnvironment $scratch) + @{ IGTIMIPS_STAGE = $Stage; IGTIMIPS_PACKAGES = $PackagesDir }
        # A file repository registered only for this call; no dependencies, so nothing reaches PSGallery.
        $r = Invoke-ChildPwsh -WorkingDirectory $Root -Environment $childEnv -ScriptBlock {
            $ErrorActionPreference = 'Stop'
            $ProgressPreference = 'SilentlyContinue'
            $name = 'IgtimiPSBuild' + [guid]::NewGuid().ToString('n')
            Register-PSResourceRepository -Name $name -Uri $env:IGTIMIPS_PACKAGES -Trusted
            try { Publish-PSResource -Path $env:IGTIMIPS_STAGE -Repository $name -SkipDependenciesCheck }
            finally { Unregister-PSResourceRepository -Name $name }
        }
        if ($r.ExitCode -ne 0) { throw "Publish-PSResource failed (exit code $($r.ExitCode))." }
    }
    finally { if (Test-Path $scratch) { Remove-Item $scratch -Recurse -Force } }

    $made = Get-ChildItem $PackagesDir -Filter '*.nupkg' | Where-Object Name -eq "IgtimiPS.$Version.nupkg" | Select-Object -First 1
    if (-not $made) { throw "Publish-PSResource did not produce IgtimiPS.$Version.nupkg in $PackagesDir." }
    if ($made.FullName -cne $nupkg) { Move-Item $made.FullName $nupkg -Force }   # keep the canonical casing
    Write-Host "Package: $nupkg" -ForegroundColor Green

    # The emulator as a .NET tool (igtimi-emulator) for users' own tests; Start-IgtimiEmulator finds it.
    Write-Step "Package the emulator tool Igtimi.Emulator $Version"
    Get-ChildItem $PackagesDir -Filter "Igtimi.Emulator.$Version.nupkg" | Remove-Item -Force
    Invoke-Dotnet pack $EmulatorProject -c $Configuration -o $PackagesDir "-p:Version=$Version" --nologo
    $tool = Join-Path $PackagesDir "Igtimi.Emulator.$Version.nupkg"
    if (-not (Test-Path $tool)) { throw "dotnet pack did not produce $tool." }
    Write-Host "Package: $tool" -ForegroundColor Green
}

#endregion

#region Test

function Invoke-XunitTests {
    Write-Step 'xunit: tests/Igtimi.Client.Tests'
    $trx = Join-Path $ResultsDir 'xunit.trx'
    if (Test-Path $trx) { Remove-Item $trx -Force }
    $arguments = @('test', (Join-Path $Root 'tests/Igtimi.Client.Tests'), '-c', $Configuration, "-p:Version=$Version", '--nologo',
        '--results-directory', $ResultsDir, '--logger', 'trx;LogFileName=xunit.trx', '--logger', 'console;verbosity=normal')
    Write-Host "dotnet $($arguments -join ' ')" -ForegroundColor DarkGray
    & $Dotnet @arguments | Out-Host
    $exit = $LASTEXITCODE
    if (-not (Test-Path $trx)) {
        Write-Host "xunit: no results (dotnet test exit code $exit)" -ForegroundColor Red
        return [pscustomobject]@{ Name = 'xunit'; Passed = 0; Failed = 1; Skipped = 0; Note = 'no test results (build error?)' }
    }
    $c = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
    $failed = [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted
    if ($exit -ne 0 -and $failed -eq 0) { $failed = 1 }   # dotnet test failed for a reason the counters miss
    [pscustomobject]@{ Name = 'xunit'; Passed = [int]$c.passed; Failed = $failed; Skipped = [int]$c.notExecuted; Note = '' }
}

function Get-PesterModulePath {
    # Pester from nuget.org (no PSGallery needed): tests/IgtimiPS.Tests/tools.proj downloads it.
    $proj = Join-Path $PesterTests 'tools.proj'
    Invoke-Dotnet restore $proj --nologo -v quiet
    $root = (& $Dotnet msbuild $proj -getProperty:NuGetPackageRoot -nologo | Select-Object -Last 1)
    if ($LASTEXITCODE -ne 0 -or -not $root) { $root = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' } }
    $psd1 = Join-Path $root.Trim() "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $psd1)) { throw "Pester $PesterVersion was restored but $psd1 is missing." }
    $psd1
}

function Invoke-PesterTests {
    Write-Step 'Pester: tests/IgtimiPS.Tests against the staged module'
    $pester = Get-PesterModulePath
    $summaryFile = Join-Path $ResultsDir 'pester-summary.json'
    if (Test-Path $summaryFile) { Remove-Item $summaryFile -Force }
    $childEnv = @{
        PSModulePath             = $Out + [System.IO.Path]::PathSeparator + $env:PSModulePath
        IGTIMIPS_TEST_EMULATOR   = $EmulatorDll
        IGTIMIPS_TEST_MODULE     = $StagedManifest
        IGTIMIPS_TEST_PACKAGES   = $PackagesDir
        IGTIMIPS_PESTER          = $pester
        IGTIMIPS_PESTER_TESTS    = $PesterTests
        IGTIMIPS_PESTER_XML      = Join-Path $ResultsDir 'pester.xml'
        IGTIMIPS_PESTER_SUMMARY  = $summaryFile
    }
    # The user's own Igtimi settings must not leak into the tests.
    foreach ($v in 'IGTIMI_ACCESS_TOKEN', 'IGTIMI_BASE_URI', 'IGTIMI_CLIENT_ID', 'IGTIMI_CLIENT_SECRET', 'IGTIMI_USERNAME', 'IGTIMI_PASSWORD') { $childEnv[$v] = $null }

    $r = Invoke-ChildPwsh -WorkingDirectory $Root -Environment $childEnv -ScriptBlock {
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'
        Import-Module $env:IGTIMIPS_PESTER
        $config = New-PesterConfiguration
        $config.Run.Path = $env:IGTIMIPS_PESTER_TESTS
        $config.Run.PassThru = $true
        $config.Output.Verbosity = 'Detailed'
        $result = Invoke-Pester -Configuration $config
        # The JUnit report is written after the run, so a report problem cannot lose the counts.
        try { $result | Export-JUnitReport -Path $env:IGTIMIPS_PESTER_XML }
        catch { Write-Warning "Could not write $($env:IGTIMIPS_PESTER_XML): $($_.Exception.Message)" }
        [ordered]@{
            Result           = $result.Result
            Passed           = $result.PassedCount
            Failed           = $result.FailedCount
            Skipped          = $result.SkippedCount
            NotRun           = $result.NotRunCount
            FailedBlocks     = @($result.FailedBlocks | ForEach-Object { $_.ExpandedPath })
            FailedContainers = @($result.FailedContainers | ForEach-Object { "$($_.Item)" })
        } | ConvertTo-Json | Set-Content -LiteralPath $env:IGTIMIPS_PESTER_SUMMARY -Encoding utf8
    }
    if (-not (Test-Path $summaryFile)) {
        return [pscustomobject]@{ Name = 'Pester'; Passed = 0; Failed = 1; Skipped = 0; Note = "Pester did not finish (exit code $($r.ExitCode))" }
    }
    $s = Get-Content $summaryFile -Raw | ConvertFrom-Json
    # A failing BeforeAll or a file that cannot be discovered fails no single test but must fail the run.
    $failed = [int]$s.Failed + @($s.FailedContainers).Count
    if ($failed -eq 0 -and (@($s.FailedBlocks).Count -gt 0 -or $s.Result -ne 'Passed')) { $failed = [Math]::Max(1, @($s.FailedBlocks).Count) }
    $notes = @(@($s.FailedBlocks | ForEach-Object { "block failed: $_" }) + @($s.FailedContainers | ForEach-Object { "file failed: $_" }))
    [pscustomobject]@{ Name = 'Pester'; Passed = [int]$s.Passed; Failed = $failed; Skipped = [int]$s.Skipped + [int]$s.NotRun; Note = ($notes -join '; ') }
}

function Invoke-TestTask {
    Invoke-BuildTask
    Invoke-PackageTask
    $null = New-Item -ItemType Directory -Force -Path $ResultsDir
    $results = @(Invoke-XunitTests; Invoke-PesterTests)

    Write-Step 'Test summary'
    foreach ($r in $results) {
        $line = '{0,-7} {1} passed, {2} failed, {3} skipped' -f $r.Name, $r.Passed, $r.Failed, $r.Skipped
        if ($r.Note) { $line += "  ($($r.Note))" }
        Write-Host $line -ForegroundColor $(if ($r.Failed) { 'Red' } else { 'Green' })
    }
    $passed = ($results | Measure-Object Passed -Sum).Sum
    $failed = ($results | Measure-Object Failed -Sum).Sum
    $skipped = ($results | Measure-Object Skipped -Sum).Sum
    $summary = "$passed passed, $failed failed"
    if ($skipped) { $summary += ", $skipped skipped" }
    Write-Host $summary
    if ($failed -gt 0) { exit 1 }
    if ($passed + $failed -eq 0) { Write-Host 'No tests ran.' -ForegroundColor Red; exit 1 }
}

#endregion

#region Demo

function Invoke-DemoTask {
    Assert-Built
    Import-Module $TestHelpers -Force
    Write-Step 'Start the Igtimi emulator (a local Igtimi-compatible server)'
    # The live clock starts in today's first race and runs 5x, so the live step has boats on the water at any hour.
    $liveStart = [DateTime]::UtcNow.Date.AddHours(11).AddMinutes(20).ToString('yyyy-MM-ddTHH:mm:ssZ')
    Write-Host "PS> dotnet out/emulator/Igtimi.Emulator.dll --urls http://127.0.0.1:0 --seed 1 --live-start $liveStart --live-speed 5"
    $emulator = Start-IgtimiTestEmulator -Seed 1 -EmulatorPath $EmulatorDll -ExtraArgs '--live-start', $liveStart, '--live-speed', '5'
    try {
        Write-Host "Listening on $($emulator.BaseUri)"
        $stagedRelative = [System.IO.Path]::GetRelativePath($Root, $StagedManifest) -replace '\\', '/'
        $steps = @(
            @{ Title = 'Import the module'; Code = [scriptblock]::Create("Import-Module ./$stagedRelative") }
            @{ Title = 'Point at the server (igtimi.com closed in January 2025; -BaseUri picks the server)'
               Code = [scriptblock]::Create("`$uri = '$($emulator.BaseUri)'") }
            @{ Title = 'Sign in with the OAuth2 password grant (emulator-only demo user and app)'
               Code = {
                    $cred = [pscredential]::new('owner@emulator.igtimi.test', (ConvertTo-SecureString 'owner-pass' -AsPlainText -Force))
                    Connect-Igtimi -BaseUri $uri -Credential $cred -ClientId dd57b25f8bcc9fd456a8283e5f17820d83439e8d1e783df1c8c8cd26f651d431 -ClientSecret a61b51ab621c9f15d73b91dc6889166d1a48a53fecd5e485da6d0fc815976bef
                } }
            @{ Title = 'The current connection (the token itself is never shown)'; Code = { Get-IgtimiConnection | Format-Table } }
            @{ Title = 'The signed-in account'; Code = { Get-IgtimiAccount | Format-Table } }
            @{ Title = 'Any endpoint: GET api/v1/users (the reply as PowerShell objects)'
               Code = { (Invoke-IgtimiApi -Path users).users.user | Format-Table } }
            @{ Title = 'The fleet: every device the signed-in user may see'; Code = { Get-IgtimiDevice | Format-Table } }
            @{ Title = 'The latest race'
               Code = {
                    $race = Get-IgtimiSession -Name '*Race*' | Select-Object -First 1
                    $race | Format-Table
                } }
            @{ Title = 'What its log says about wind and course'; Code = { $race | Get-IgtimiSessionLog -Kind Metadata | Format-Table } }
            @{ Title = 'Who may read the boats during that race (data access windows)'
               Code = { Get-IgtimiDevice | Where-Object Name -eq 'YB-1' | Get-IgtimiDataAccessWindow -Start $race.StartTime -End $race.EndTime | Format-Table } }
            @{ Title = 'Download the race: positions and speeds of every YachtBot, as typed points'
               Code = {
                    $points = Get-IgtimiDevice -Name 'YB-*' | Get-IgtimiData -Start $race.StartTime -End $race.EndTime -Type gps_latlong, sog
                    $points | Select-Object -First 6 | Format-Table
                } }
            @{ Title = 'How much that is, per type'
               Code = { $points | Group-Object TypeName -NoElement | Format-Table @{ Name = 'Type'; Expression = 'Name' }, Count } }
            @{ Title = 'Export the race for a map (GPX: one track per boat)'
               Code = { $points | Export-IgtimiData -Path (Join-Path ([IO.Path]::GetTempPath()) 'igtimi-demo-race.gpx') -PassThru | Format-Table Name, Length } }
            @{ Title = 'The latest wind on the marks'; Code = { Get-IgtimiLatestData -Type aws | Format-Table } }
            @{ Title = 'Live: three boats'' speeds over the WebSocket feed for 3 seconds (the emulator runs 5x)'
               Code = {
                    $boats = (Get-IgtimiDevice | Where-Object Name -in 'YB-1', 'YB-2', 'YB-3').SerialNumber
                    Watch-IgtimiLiveData -SerialNumber $boats -Type sog -Duration 00:00:03 | Select-Object -Last 6 | Format-Table
                } }
            @{ Title = 'Sign out'; Code = { Disconnect-Igtimi } }
        )
        . Invoke-DemoStep $steps   # dot-sourced: the steps' variables ($race, $points, ...) live on
    }
    finally {
        Write-Step 'Stop the emulator'
        Stop-IgtimiTestEmulator $emulator
        Write-Host 'Stopped.'
    }

    Write-Step 'Start the emulator in the SAP flavor (the dialect of wind.sapsailing.com, where the devices report since 2025)'
    Write-Host "PS> dotnet out/emulator/Igtimi.Emulator.dll --urls http://127.0.0.1:0 --seed 1 --flavor sap --live-start $liveStart --live-speed 5"
    $sapEmulator = Start-IgtimiTestEmulator -Seed 1 -EmulatorPath $EmulatorDll -ExtraArgs '--flavor', 'sap', '--live-start', $liveStart, '--live-speed', '5'
    try {
        Write-Host "Listening on $($sapEmulator.BaseUri)"
        $steps = @(
            @{ Title = 'Point at the SAP server: the same cmdlets, the dialect is found by probing'
               Code = [scriptblock]::Create("`$sap = '$($sapEmulator.BaseUri)'") }
            @{ Title = 'Sign in with an SAP user name and password (the module fetches the SAP access token)'
               Code = {
                    $sapCred = [pscredential]::new('owner', (ConvertTo-SecureString 'owner-pass' -AsPlainText -Force))
                    Connect-Igtimi -BaseUri $sap -Credential $sapCred
                    Get-IgtimiConnection | Format-Table
                } }
            @{ Title = 'Access windows of YB-1 (SAP: your account and the access windows decide what you see)'
               Code = {
                    Get-IgtimiDevice -Name 'YB-1' | Get-IgtimiDataAccessWindow | Select-Object -First 3 | Format-Table
                } }
            @{ Title = 'The same race from protobuf messages: sorted, duplicates of overlapping windows dropped, same typed points'
               Code = {
                    $sapPoints = Get-IgtimiDevice -Name 'YB-*' | Get-IgtimiData -Start $race.StartTime -End $race.EndTime -Type gps_latlong, sog
                    [pscustomobject]@{ Dialect = 'SAP (protobuf)'; Points = $sapPoints.Count }, [pscustomobject]@{ Dialect = 'igtimi.com (JSON)'; Points = $points.Count } |
                        Format-Table
                } }
            @{ Title = 'Export it like any other data'
               Code = { $sapPoints | Export-IgtimiData -Path (Join-Path ([IO.Path]::GetTempPath()) 'igtimi-demo-race-sap.gpx') -PassThru | Format-Table Name, Length } }
            @{ Title = 'Live over the SAP WebSocket (binary frames) for 3 seconds'
               Code = { Watch-IgtimiLiveData -SerialNumber $boats -Type sog -Duration 00:00:03 | Select-Object -Last 6 | Format-Table } }
            @{ Title = 'What the SAP server does not have is a clear error, not an empty list'
               Code = { try { Get-IgtimiSession } catch { [pscustomobject]@{ ErrorId = $_.FullyQualifiedErrorId -replace ',.*'; Message = "$_" } | Format-List } } }
            @{ Title = 'Without an account: anonymous sees only the public devices'
               Code = {
                    Connect-Igtimi -BaseUri $sap -Anonymous
                    Get-IgtimiDevice | Format-Table
                } }
            @{ Title = 'Sign out of both'; Code = { Get-IgtimiConnection -All | Disconnect-Igtimi } }
        )
        . Invoke-DemoStep $steps   # dot-sourced: the steps' variables ($race, $points, ...) live on
    }
    finally {
        Write-Step 'Stop the SAP emulator'
        Stop-IgtimiTestEmulator $sapEmulator
        Write-Host 'Stopped.'
    }
}

# Shows each step's code, then runs it; call it dot-sourced so that the steps' variables carry over.
function Invoke-DemoStep {
    param([object[]] $Steps)
    foreach ($step in $Steps) {
        Write-Step $step.Title
        foreach ($line in ($step.Code.ToString().Trim() -split '\r?\n')) { Write-Host "PS> $($line.Trim())" -ForegroundColor Yellow }
        . $step.Code | Out-Host
    }
}

#endregion

#region Bench

function Invoke-BenchTask {
    Assert-Built
    $scripts = @(Get-ChildItem (Join-Path $Root 'bench') -Filter '*.ps1' -File | Sort-Object Name)
    if (-not $scripts) { throw 'No bench/*.ps1 scripts.' }
    $childEnv = @{
        PSModulePath           = $Out + [System.IO.Path]::PathSeparator + $env:PSModulePath
        IGTIMIPS_BENCH_MODULE  = $StagedManifest
        IGTIMIPS_TEST_EMULATOR = $EmulatorDll
    }
    $failed = @()
    foreach ($s in $scripts) {
        Write-Step "Bench: bench/$($s.Name)"
        $r = Invoke-ChildPwsh -WorkingDirectory $Root -File $s.FullName -Environment $childEnv
        if ($r.ExitCode -ne 0) { $failed += $s.Name }
    }
    if ($failed) { throw "Bench script(s) failed: $($failed -join ', ')" }
}

#endregion

try {
    switch ($Task) {
        'Build' { Invoke-BuildTask }
        'Docs' { Invoke-DocsTask }
        'Test' { Invoke-TestTask }
        'Package' { Invoke-PackageTask }
        'Demo' { Invoke-DemoTask }
        'Bench' { Invoke-BenchTask }
    }
}
catch {
    # The whole message, line breaks kept (problem lists), then where it came from.
    Write-Host ''
    Write-Host "build.ps1 $Task failed: $($_.Exception.Message)" -ForegroundColor Red
    Write-Host ($_.InvocationInfo.PositionMessage) -ForegroundColor DarkGray
    exit 1
}
