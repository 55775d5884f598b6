# Child processes for build.ps1, bench/*.ps1 and the Pester suite (tests/IgtimiPS.Tests/TestHelpers.psm1):
# the one place that finds the dotnet host and starts a fresh pwsh of this same version.
#
#   Import-Module "$root/build/DevProcess.psm1"
#   $dotnet = Get-Dotnet
#   $r = Invoke-ChildPwsh -Capture -Environment @{ MY_VAR = 'x' } -ScriptBlock { "child sees $env:MY_VAR" }
#   $r.ExitCode; $r.Output

Set-StrictMode -Version Latest

function Get-Dotnet {
    <#
    .SYNOPSIS
    The dotnet host: the one running this pwsh when it was started as `dotnet pwsh` (the pinned
    dotnet tool), else dotnet from PATH. Throws when there is none.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $self = [Environment]::ProcessPath
    if ([System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { return $self }
    $cmd = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $cmd) { throw 'dotnet was not found on PATH. Install the .NET SDK (the build and the emulator need it).' }
    $cmd.Source
}

function Get-ChildPwshCommand {
    <#
    .SYNOPSIS
    How to start a fresh pwsh of the same version as this one: FilePath plus leading Arguments.
    Under `dotnet pwsh` (the pinned dotnet tool) that is `dotnet <PSHOME>/pwsh.dll`.
    #>
    [CmdletBinding()]
    param()
    $self = [Environment]::ProcessPath
    if ([System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') {
        return [pscustomobject]@{ FilePath = $self; Arguments = @(Join-Path $PSHOME 'pwsh.dll') }
    }
    [pscustomobject]@{ FilePath = $self; Arguments = @() }
}

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
    Runs a fresh `pwsh -NoProfile -NonInteractive` of this same version with a script block, a command
    string or a script file, and returns ExitCode, Output (stdout lines, without empty ones), ErrorText
    (stderr) and Elapsed (from the start of the process to its exit). Never throws on a non-zero exit.
    .DESCRIPTION
    -Environment: variables set for the child only ($null removes one); this process is not changed.
    -Capture: return stdout instead of letting it reach the console; -CaptureError: the same for stderr.
    -PlainText: NO_COLOR=1 for the child (before -Environment) and ANSI codes removed from what is
    captured, for assertions and XML reports.
    -TimeoutSeconds: kill the child's process tree and throw when it runs longer (0: no limit).
    #>
    [CmdletBinding(DefaultParameterSetName = 'ScriptBlock')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'ScriptBlock')][scriptblock] $ScriptBlock,
        [Parameter(Mandatory, ParameterSetName = 'Command')][string] $Command,
        [Parameter(Mandatory, ParameterSetName = 'File')][string] $File,
        [Parameter(ParameterSetName = 'File')][string[]] $FileArguments = @(),
        [System.Collections.IDictionary] $Environment = @{},
        [string] $WorkingDirectory,
        [switch] $Capture,
        [switch] $CaptureError,
        [switch] $PlainText,
        [int] $TimeoutSeconds = 0
    )
    $pwsh = Get-ChildPwshCommand
    $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh.FilePath)
    foreach ($a in @($pwsh.Arguments) + @('-NoProfile', '-NonInteractive')) { $psi.ArgumentList.Add($a) }
    if ($PSCmdlet.ParameterSetName -eq 'File') {
        $psi.ArgumentList.Add('-File'); $psi.ArgumentList.Add($File)
        foreach ($a in $FileArguments) { $psi.ArgumentList.Add($a) }
    }
    else {
        $text = if ($PSCmdlet.ParameterSetName -eq 'ScriptBlock') { $ScriptBlock.ToString() } else { $Command }
        # Without -OutputFormat Text, pwsh answers an -EncodedCommand with CLIXML when stdout is redirected.
        foreach ($a in '-OutputFormat', 'Text', '-EncodedCommand') { $psi.ArgumentList.Add($a) }
        $psi.ArgumentList.Add([Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($text)))
    }
    $psi.UseShellExecute = $false
    if ($WorkingDirectory) { $psi.WorkingDirectory = $WorkingDirectory }
    $psi.RedirectStandardOutput = [bool]$Capture
    $psi.RedirectStandardError = [bool]$CaptureError
    if ($PlainText) { $psi.Environment['NO_COLOR'] = '1' }
    foreach ($k in $Environment.Keys) {
        if ($null -eq $Environment[$k]) { [void]$psi.Environment.Remove($k) } else { $psi.Environment[$k] = [string]$Environment[$k] }
    }
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $p = [System.Diagnostics.Process]::Start($psi)
    try {
        $stdout = if ($Capture) { $p.StandardOutput.ReadToEndAsync() }
        $stderr = if ($CaptureError) { $p.StandardError.ReadToEndAsync() }
        if ($TimeoutSeconds -gt 0 -and -not $p.WaitForExit($TimeoutSeconds * 1000)) {
            $p.Kill($true)
            throw "The child pwsh did not finish within $TimeoutSeconds s."
        }
        $p.WaitForExit()
        $watch.Stop()
        $outText = if ($stdout) { $stdout.Result } else { '' }
        $errText = if ($stderr) { $stderr.Result } else { '' }
        if ($PlainText) {
            $ansi = '\x1b\[[0-9;?]*[A-Za-z]'
            $outText = $outText -replace $ansi, ''
            $errText = $errText -replace $ansi, ''
        }
        [pscustomobject]@{
            ExitCode  = $p.ExitCode
            Output    = @($outText -split '\r?\n' | Where-Object { $_ -ne '' })
            ErrorText = $errText.Trim()
            Elapsed   = $watch.Elapsed
        }
    }
    finally { $p.Dispose() }
}

Export-ModuleMember -Function Get-Dotnet, Get-ChildPwshCommand, Invoke-ChildPwsh
