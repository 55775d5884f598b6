# The emulator as users get it: from out/packages alone (the module nupkg and the Igtimi.Emulator tool nupkg),
# the tool installed with `dotnet tool install` into a throw-away folder, the module saved with PSResourceGet,
# then a fresh pwsh that starts, uses and stops the emulator through Start-/Stop-IgtimiEmulator; and the README's
# Pester snippet ("Using it in your own Pester tests") run as printed with Pester 5.7.1 against both.
# The tool's restore uses a private NuGet package folder, so a stale igtimi.emulator of the same version in
# ~/.nuget/packages can never stand in for the package just built.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $paths = Get-IgtimiTestPaths
    $script:Version = $paths.ModuleVersion
    $script:Packages = $paths.Packages
    $script:ToolNupkg = Join-Path $Packages "Igtimi.Emulator.$Version.nupkg"
    $script:ModuleNupkg = Join-Path $Packages "IgtimiPS.$Version.nupkg"
    $script:Dotnet = Get-IgtimiTestDotnet
    $script:Readme = Join-Path $paths.RepoRoot 'README.md'
    $script:PesterManifest = (Get-Module Pester | Select-Object -First 1).Path

    $script:Sandbox = Join-Path ([IO.Path]::GetTempPath()) "igtimips-emulator-tool-$([guid]::NewGuid().ToString('n'))"
    $script:Tools = Join-Path $Sandbox 'tools'
    $script:NuGetFolder = Join-Path $Sandbox 'nuget'
    $script:RepoDir = Join-Path $Sandbox 'repository'
    $script:DataDir = Join-Path $Sandbox 'data'
    $script:InstallRoot = Join-Path $Sandbox 'Modules'
    $script:Project = Join-Path $Sandbox 'project'
    $null = New-Item -ItemType Directory -Force -Path $RepoDir, $DataDir, $InstallRoot, $Project

    $script:ToolName = if ($IsWindows) { 'igtimi-emulator.exe' } else { 'igtimi-emulator' }
    # The child sees the saved module and the tool folder on PATH, as after `dotnet tool install --global`.
    $script:ChildEnv = @{
        PSModulePath    = $InstallRoot + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
        PATH            = $Tools + [IO.Path]::PathSeparator + $env:PATH
        IGTIMI_EMULATOR = $null
        NUGET_PACKAGES  = $NuGetFolder
    }
    if (-not $IsWindows) { $ChildEnv.XDG_DATA_HOME = $DataDir }

    function Invoke-DotnetInSandbox([string[]] $Arguments, [string] $WorkingDirectory = $Sandbox) {
        $saved = $env:NUGET_PACKAGES
        $env:NUGET_PACKAGES = $NuGetFolder
        Push-Location $WorkingDirectory
        try { $output = & $Dotnet @Arguments 2>&1 | Out-String; [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output } }
        finally { Pop-Location; $env:NUGET_PACKAGES = $saved }
    }

    function ConvertFrom-ChildResult($Result) {
        $line = $Result.Output | Where-Object { $_.StartsWith('RESULT:') } | Select-Object -Last 1
        if ($Result.ExitCode -ne 0 -or -not $line) {
            throw "child pwsh failed (exit $($Result.ExitCode)):`n$($Result.Output -join "`n")`n$($Result.ErrorText)"
        }
        $line.Substring(7) | ConvertFrom-Json
    }

    function Get-ToolProcess { @(Get-Process -ErrorAction Ignore | Where-Object { $_.Path -and $_.Path.StartsWith($Tools) }) }
}

AfterAll {
    foreach ($p in Get-ToolProcess) { $p.Kill(); $p.WaitForExit(5000) | Out-Null }
    if ($script:Sandbox -and (Test-Path $script:Sandbox)) { Remove-Item $script:Sandbox -Recurse -Force }
}

Describe 'The emulator from the packages' {
    It 'build.ps1 Package wrote the emulator as a .NET tool package next to the module' {
        $ModuleNupkg | Should -Exist
        $ToolNupkg | Should -Exist
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($ToolNupkg)
        try {
            $entry = $zip.Entries | Where-Object FullName -eq 'Igtimi.Emulator.nuspec'
            $reader = [IO.StreamReader]::new($entry.Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
            @($zip.Entries.FullName) | Should -Contain 'tools/net10.0/any/Igtimi.Emulator.dll'
        }
        finally { $zip.Dispose() }
        $nuspec.package.metadata.packageTypes.packageType.name | Should -Be 'DotnetTool'
        $nuspec.package.metadata.version | Should -Be $Version
    }

    It 'dotnet tool install puts igtimi-emulator into a tool folder' {
        $r = Invoke-DotnetInSandbox @('tool', 'install', '--tool-path', $Tools, '--add-source', $Packages, 'Igtimi.Emulator', '--version', $Version)
        $r.ExitCode | Should -Be 0 -Because $r.Output
        Join-Path $Tools $ToolName | Should -Exist
    }

    It 'PSResourceGet saves the module from a repository holding the module package' {
        Copy-Item $ModuleNupkg $RepoDir
        $command = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
`$name = 'IgtimiPSTest' + [guid]::NewGuid().ToString('n')
Register-PSResourceRepository -Name `$name -Uri '$RepoDir' -Trusted
try { Save-PSResource -Name IgtimiPS -Version '$Version' -Repository `$name -TrustRepository -Path '$InstallRoot' }
finally { Unregister-PSResourceRepository -Name `$name }
'RESULT:' + (@{ Saved = (Test-Path (Join-Path '$InstallRoot' 'IgtimiPS/$Version/IgtimiPS.psd1')) } | ConvertTo-Json -Compress)
"@
        $childEnv = @{ PSModulePath = $null }
        if (-not $IsWindows) { $childEnv.XDG_DATA_HOME = $DataDir }
        (ConvertFrom-ChildResult (Invoke-IgtimiTestPwsh $command -Environment $childEnv -TimeoutSeconds 300)).Saved | Should -BeTrue
    }

    It 'a fresh pwsh starts the installed tool, signs in, reads devices in both flavors and stops it' {
        $command = @"
`$ErrorActionPreference = 'Stop'
Import-Module IgtimiPS -RequiredVersion '$Version'
`$e = Start-IgtimiEmulator
Connect-Igtimi -BaseUri `$e.BaseUri -Credential `$e.OwnerCredential -ClientId `$e.ClientId -ClientSecret `$e.ClientSecret
`$devices = @(Get-IgtimiDevice)
`$account = (Get-IgtimiAccount).Email
Disconnect-Igtimi
`$e | Stop-IgtimiEmulator
`$sap = Start-IgtimiEmulator -Flavor Sap
Connect-Igtimi -BaseUri `$sap.BaseUri -Credential `$sap.OwnerCredential
`$sapDevices = @(Get-IgtimiDevice)
`$sapFlavor = "`$((Get-IgtimiConnection).Flavor)"
Disconnect-Igtimi
Stop-IgtimiEmulator -InputObject `$sap
'RESULT:' + (@{
    Module = (Get-Module IgtimiPS).ModuleBase; Source = `$e.Source; Path = `$e.Path; Account = `$account
    Devices = `$devices.Count; Serials = @(`$devices.SerialNumber); SapDevices = `$sapDevices.Count; SapFlavor = `$sapFlavor
    Pids = @(`$e.ProcessId, `$sap.ProcessId)
    Alive = @(Get-Process -Id `$e.ProcessId, `$sap.ProcessId -ErrorAction Ignore).Count
} | ConvertTo-Json -Compress)
"@
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = ConvertFrom-ChildResult (Invoke-IgtimiTestPwsh $command -Environment $ChildEnv -TimeoutSeconds 180)
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 120
        [IO.Path]::GetFullPath($result.Module) | Should -BeLike ([IO.Path]::GetFullPath($InstallRoot) + '*')
        $result.Source | Should -Be 'PATH'
        $result.Path | Should -Be (Join-Path $Tools $ToolName)
        $result.Account | Should -Be 'owner@emulator.igtimi.test'
        $result.Devices | Should -BeGreaterThan 0
        @($result.Serials) | Should -Match '^[A-Z]{2}-[A-Z]{2}-[A-Z]{4}$'
        $result.SapFlavor | Should -Be 'Sap'
        $result.SapDevices | Should -BeGreaterThan 0
        $result.Alive | Should -Be 0
        Get-Process -Id $result.Pids -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'a fresh pwsh finds the tool of a local tool manifest after dotnet tool restore' {
        $r = Invoke-DotnetInSandbox @('new', 'tool-manifest') $Project
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r = Invoke-DotnetInSandbox @('tool', 'install', '--local', '--add-source', $Packages, 'Igtimi.Emulator', '--version', $Version) $Project
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $localEnv = $ChildEnv.Clone()
        $localEnv.PATH = $env:PATH   # not on PATH: only the manifest can lead to it
        $localEnv.HOME = $Sandbox    # and no ~/.dotnet/tools
        $command = @"
`$ErrorActionPreference = 'Stop'
Import-Module IgtimiPS -RequiredVersion '$Version'
Set-Location '$Project'
`$e = Start-IgtimiEmulator
Connect-Igtimi -BaseUri `$e.BaseUri -AccessToken `$e.OwnerToken
`$account = (Get-IgtimiAccount).Email
Disconnect-Igtimi
`$e | Stop-IgtimiEmulator
'RESULT:' + (@{ Source = `$e.Source; Path = `$e.Path; Account = `$account; IsRunning = `$e.IsRunning } | ConvertTo-Json -Compress)
"@
        $result = ConvertFrom-ChildResult (Invoke-IgtimiTestPwsh $command -Environment $localEnv -TimeoutSeconds 120)
        # .NET 10's `dotnet new tool-manifest` writes ./dotnet-tools.json; older SDKs wrote ./.config/dotnet-tools.json.
        $result.Source | Should -BeIn @((Join-Path $Project 'dotnet-tools.json'), (Join-Path $Project '.config/dotnet-tools.json'))
        $result.Path | Should -BeLike ((Join-Path $NuGetFolder "igtimi.emulator/$Version/tools") + '*Igtimi.Emulator.dll')
        $result.Account | Should -Be 'owner@emulator.igtimi.test'
        $result.IsRunning | Should -BeFalse
    }

    It 'the README''s Pester snippet runs as printed with Pester 5.7.1 against the packaged module and emulator' {
        $text = Get-Content $Readme -Raw
        $section = $text.Substring($text.IndexOf('### Using it in your own Pester tests'))
        $snippet = [regex]::Match($section, '```powershell\r?\n(?<code>.*?)\r?\n```', 'Singleline').Groups['code'].Value
        $snippet | Should -Match 'Start-IgtimiEmulator'
        $expectedTests = [regex]::Matches($snippet, "(?m)^\s*It '").Count
        $expectedTests | Should -BeGreaterThan 0
        $file = Join-Path $Sandbox 'Runbook.Tests.ps1'
        Set-Content -LiteralPath $file -Value $snippet -Encoding utf8
        $PesterManifest | Should -Match '5\.7\.1'
        $command = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$PesterManifest'
Set-Location '$Sandbox'
`$c = New-PesterConfiguration
`$c.Run.Path = '$file'
`$c.Run.PassThru = `$true
`$c.Output.Verbosity = 'Detailed'
`$r = Invoke-Pester -Configuration `$c
'RESULT:' + (@{ Result = `$r.Result; Passed = `$r.PassedCount; Failed = `$r.FailedCount; Total = `$r.TotalCount
    Containers = @(`$r.Containers | ForEach-Object { "`$(`$_.Result)" }) } | ConvertTo-Json -Compress)
"@
        $run = Invoke-IgtimiTestPwsh $command -Environment $ChildEnv -TimeoutSeconds 180
        $result = ConvertFrom-ChildResult $run
        $because = $run.Output -join "`n"
        $result.Result | Should -Be 'Passed' -Because $because
        $result.Failed | Should -Be 0 -Because $because
        $result.Passed | Should -Be $expectedTests -Because $because
        @($result.Containers) | Should -Be @('Passed')
        Get-ToolProcess | Should -BeNullOrEmpty -Because 'the snippet''s AfterAll stops the emulator it started'
    }
}
