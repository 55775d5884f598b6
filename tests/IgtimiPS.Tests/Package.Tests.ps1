# The package round trip a user makes: the nupkg from `build.ps1 Package` goes into a local
# PSResourceGet repository, PSResourceGet takes it back out, and a fresh pwsh imports it by name.
# Nothing touches the user's setup:
# - the module is saved into a throw-away folder with Save-PSResource -Path. (Install-PSResource
#   -Scope CurrentUser cannot be pointed elsewhere: on Linux it writes to ~/.local/share/powershell/
#   Modules even when XDG_DATA_HOME is changed, so it would leave the module installed.)
# - on Linux/macOS the child processes get their own XDG_DATA_HOME, where PSResourceGet keeps its
#   repository list; on Windows the test's repository is registered only for the one call.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $paths = Get-IgtimiTestPaths
    $manifest = Import-PowerShellDataFile (Join-Path $paths.RepoRoot 'IgtimiPS.psd1')
    $script:Version = $manifest.ModuleVersion
    $script:ExpectedCmdlets = @($manifest.CmdletsToExport | Sort-Object)
    $script:StagedManifest = $paths.Manifest
    $script:Nupkg = Join-Path $paths.Packages "IgtimiPS.$Version.nupkg"

    $script:Sandbox = Join-Path ([System.IO.Path]::GetTempPath()) "igtimips-package-test-$([guid]::NewGuid().ToString('n'))"
    $script:RepoDir = Join-Path $Sandbox 'repository'
    $script:DataDir = Join-Path $Sandbox 'data'
    $script:InstallRoot = Join-Path $Sandbox 'Modules'
    $null = New-Item -ItemType Directory -Force -Path $RepoDir, $DataDir, $InstallRoot

    $script:ChildEnv = @{ PSModulePath = $null }
    if (-not $IsWindows) { $ChildEnv.XDG_DATA_HOME = $DataDir }

    function ConvertFrom-ChildResult($Result) {
        $line = $Result.Output | Where-Object { $_.StartsWith('RESULT:') } | Select-Object -Last 1
        if ($Result.ExitCode -ne 0 -or -not $line) {
            throw "child pwsh failed (exit $($Result.ExitCode)):`n$($Result.Output -join "`n")`n$($Result.ErrorText)"
        }
        $line.Substring(7) | ConvertFrom-Json
    }
}

AfterAll {
    if ($script:Sandbox -and (Test-Path $script:Sandbox)) { Remove-Item $script:Sandbox -Recurse -Force }
}

Describe 'Package round trip' {
    It 'build.ps1 Package produced IgtimiPS.<version>.nupkg' {
        $Nupkg | Should -Exist
        Copy-Item $Nupkg $RepoDir   # the test's repository holds a copy; out/packages stays as built
    }

    It 'PSResourceGet takes it back from a local file repository' {
        $command = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
`$name = 'IgtimiPSTest' + [guid]::NewGuid().ToString('n')
Register-PSResourceRepository -Name `$name -Uri '$RepoDir' -Trusted
try {
    `$found = Find-PSResource -Name IgtimiPS -Repository `$name
    Save-PSResource -Name IgtimiPS -Version '$Version' -Repository `$name -TrustRepository -Path '$InstallRoot'
}
finally { Unregister-PSResourceRepository -Name `$name }
'RESULT:' + (@{ Found = "`$(`$found.Version)"; Saved = (Test-Path (Join-Path '$InstallRoot' 'IgtimiPS/$Version/IgtimiPS.psd1')) } | ConvertTo-Json -Compress)
"@
        $result = ConvertFrom-ChildResult (Invoke-IgtimiTestPwsh $command -Environment $ChildEnv -TimeoutSeconds 300)
        $result.Found | Should -Be $Version
        $result.Saved | Should -BeTrue
        Join-Path $InstallRoot "IgtimiPS/$Version/IgtimiPS.dll" | Should -Exist
        Join-Path $InstallRoot "IgtimiPS/$Version/en-US/IgtimiPS.dll-Help.xml" | Should -Exist
    }

    It 'a fresh pwsh imports the installed module by name and version, exporting the manifest cmdlets' {
        $importEnv = @{ PSModulePath = $InstallRoot + [System.IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules') }
        if (-not $IsWindows) { $importEnv.XDG_DATA_HOME = $DataDir }
        $command = @"
`$ErrorActionPreference = 'Stop'
Import-Module IgtimiPS -RequiredVersion '$Version'
`$m = Get-Module IgtimiPS
'RESULT:' + (@{ Base = `$m.ModuleBase; Version = "`$(`$m.Version)"; Cmdlets = @(`$m.ExportedCmdlets.Keys) } | ConvertTo-Json -Compress)
"@
        $result = ConvertFrom-ChildResult (Invoke-IgtimiTestPwsh $command -Environment $importEnv)
        $result.Version | Should -Be $Version
        [System.IO.Path]::GetFullPath($result.Base) | Should -BeLike ([System.IO.Path]::GetFullPath($InstallRoot) + '*')
        @($result.Cmdlets | Sort-Object) | Should -Be $ExpectedCmdlets
    }

    It 'a fresh pwsh imports the staged module without any error' {
        $command = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$StagedManifest'
'RESULT:' + (@{ Errors = `$Error.Count; Cmdlets = @((Get-Module IgtimiPS).ExportedCmdlets.Keys) } | ConvertTo-Json -Compress)
"@
        $run = Invoke-IgtimiTestPwsh $command
        $result = ConvertFrom-ChildResult $run
        $result.Errors | Should -Be 0
        $run.ErrorText | Should -BeNullOrEmpty
        @($result.Cmdlets | Sort-Object) | Should -Be $ExpectedCmdlets
    }
}
