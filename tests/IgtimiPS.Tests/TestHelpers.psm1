# Shared helpers for the IgtimiPS Pester suite (and build.ps1's Demo task).
#
#   Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
#   $emu = Start-IgtimiTestEmulator -Seed 1
#   ... tests against $emu.BaseUri ...
#   Stop-IgtimiTestEmulator $emu
#
# build.ps1 Test runs the suite in a child pwsh with the staged module first in PSModulePath and sets
# IGTIMIPS_TEST_EMULATOR (out/emulator/Igtimi.Emulator.dll), IGTIMIPS_TEST_MODULE (the staged
# IgtimiPS.psd1) and IGTIMIPS_TEST_PACKAGES (out/packages). Without them the helpers fall back to the
# paths under out/, so a single file can be run by hand after `./build.ps1 Build`.
# All secrets here are the emulator's seeded, emulator-only demo values.

Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

# Finding dotnet and starting a child pwsh live in build/DevProcess.psm1, shared with build.ps1 and bench/.
Import-Module (Join-Path $script:RepoRoot 'build/DevProcess.psm1')

# The emulator's seeded OAuth application and pre-issued tokens (emulator-only).
$IgtimiTestClient = [pscustomobject]@{
    ClientId     = 'dd57b25f8bcc9fd456a8283e5f17820d83439e8d1e783df1c8c8cd26f651d431'
    ClientSecret = 'a61b51ab621c9f15d73b91dc6889166d1a48a53fecd5e485da6d0fc815976bef'
    Tokens       = [pscustomobject]@{
        owner    = '7ea3784f283ea5c7feea1931db62c5f72d33f7805424814a9660250739f5d60c'
        coach    = '9bb5053c3a4712f4f5f520860513d0f78f97700205e85ba712ae06672e328801'
        outsider = 'dfd41abce6a49c5c269561c819f19486601245a0bfd8c7cefabf75bce1ffc203'
    }
    # The SAP flavor's (--flavor sap) fixed access tokens: opaque, and valid only there.
    SapTokens    = [pscustomobject]@{
        owner    = 'K-Dl29wEwaFKipRGesKDOO5uxwgHDJXOSij32kI4ep4'
        coach    = 'L4P7E_t90bPULj9QKJJvxDI-hRpVsRqfnRcuefHKUr8'
        outsider = 'IextCC9S4LXKHft5SKoTTv1XFcDoV-bcuUBUBl-lP5w'
    }
}

$script:TestUsers = 'owner', 'coach', 'outsider'

#region Paths and processes

function Get-IgtimiTestPaths {
    <#
    .SYNOPSIS
    Where the suite's inputs are: repo root, module version, staged manifest, emulator dll, packages folder.
    #>
    [CmdletBinding()]
    param()
    $version = (Import-PowerShellDataFile (Join-Path $script:RepoRoot 'IgtimiPS.psd1')).ModuleVersion
    $out = Join-Path $script:RepoRoot 'out'
    [pscustomobject]@{
        RepoRoot      = $script:RepoRoot
        ModuleVersion = $version
        Manifest      = if ($env:IGTIMIPS_TEST_MODULE) { $env:IGTIMIPS_TEST_MODULE } else { Join-Path $out "IgtimiPS/$version/IgtimiPS.psd1" }
        Emulator      = if ($env:IGTIMIPS_TEST_EMULATOR) { $env:IGTIMIPS_TEST_EMULATOR } else { Join-Path $out 'emulator/Igtimi.Emulator.dll' }
        Packages      = if ($env:IGTIMIPS_TEST_PACKAGES) { $env:IGTIMIPS_TEST_PACKAGES } else { Join-Path $out 'packages' }
        Docs          = Join-Path $script:RepoRoot 'docs/en-US'
    }
}

function Get-IgtimiTestDotnet {
    <#
    .SYNOPSIS
    The dotnet host to run the emulator with: the one running this pwsh when it is the dotnet tool.
    #>
    [CmdletBinding()]
    param()
    Get-Dotnet
}

function Get-IgtimiTestPwsh {
    <#
    .SYNOPSIS
    FilePath plus leading Arguments that start a fresh pwsh of this version (`dotnet <PSHOME>/pwsh.dll`
    under the dotnet tool); see Get-ChildPwshCommand in build/DevProcess.psm1.
    #>
    [CmdletBinding()]
    param()
    Get-ChildPwshCommand
}

function Invoke-IgtimiTestPwsh {
    <#
    .SYNOPSIS
    Runs a command in a fresh `pwsh -NoProfile -NonInteractive` and returns ExitCode, Output (stdout
    lines) and ErrorText (stderr). Environment: variables to set (a $null value removes one) for the
    child only; the current process is not changed.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)][string] $Command,
        [System.Collections.IDictionary] $Environment = @{},
        [int] $TimeoutSeconds = 120
    )
    # Plain text (NO_COLOR, ANSI codes removed): assertions and XML test reports choke on ANSI codes.
    $r = Invoke-ChildPwsh -Command $Command -Environment $Environment -Capture -CaptureError -PlainText -TimeoutSeconds $TimeoutSeconds
    [pscustomobject]@{ ExitCode = $r.ExitCode; Output = $r.Output; ErrorText = $r.ErrorText }
}

#endregion

#region Emulator process

function Start-IgtimiTestEmulator {
    <#
    .SYNOPSIS
    Starts the emulator on a free loopback port and returns @{ BaseUri (with trailing slash); Process }.
    .EXAMPLE
    $emu = Start-IgtimiTestEmulator -Seed 1 -ExtraArgs '--latency-ms', '50'
    #>
    [CmdletBinding()]
    param(
        [int] $Seed = 1,
        [string[]] $ExtraArgs = @(),
        [string] $EmulatorPath = (Get-IgtimiTestPaths).Emulator,
        [int] $TimeoutSeconds = 60
    )
    if (-not (Test-Path -LiteralPath $EmulatorPath)) {
        throw "Emulator not found at '$EmulatorPath'. Run './build.ps1 Build' first (or set IGTIMIPS_TEST_EMULATOR)."
    }
    $psi = [System.Diagnostics.ProcessStartInfo]::new((Get-IgtimiTestDotnet))
    foreach ($a in @($EmulatorPath, '--urls', 'http://127.0.0.1:0', '--seed', "$Seed") + $ExtraArgs) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $p = [System.Diagnostics.Process]::Start($psi)
    $stderr = $p.StandardError.ReadToEndAsync()   # the emulator's human messages; shown if it fails to start
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $baseUri = $null
    try {
        while (-not $baseUri) {
            $left = [int][Math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)
            $read = $p.StandardOutput.ReadLineAsync()
            if (-not $read.Wait($left)) { throw "The emulator printed no base URL within $TimeoutSeconds s." }
            $line = $read.Result
            if ($null -eq $line) {
                $p.WaitForExit(5000) | Out-Null
                $err = if ($stderr.Wait(2000)) { $stderr.Result.Trim() } else { '' }
                throw "The emulator exited (code $($p.ExitCode)) before printing its base URL. $err"
            }
            if ($line.Trim() -match '^https?://\S+$') { $baseUri = $line.Trim() }
        }
    }
    catch {
        if (-not $p.HasExited) { $p.Kill($true); $p.WaitForExit(5000) | Out-Null }
        $p.Dispose()
        throw
    }
    # Nothing else is expected on stdout; keep draining it so the emulator can never block on a full pipe.
    $null = $p.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null)
    if (-not $baseUri.EndsWith('/')) { $baseUri += '/' }
    [pscustomobject]@{
        PSTypeName  = 'IgtimiPS.TestEmulator'
        BaseUri     = $baseUri
        Process     = $p
        Seed        = $Seed
        StandardErrorTask = $stderr
    }
}

function Stop-IgtimiTestEmulator {
    <#
    .SYNOPSIS
    Kills the emulator started by Start-IgtimiTestEmulator (its whole process tree) and waits for it.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][AllowNull()] $Emulator)
    process {
        if ($null -eq $Emulator) { return }
        $p = $Emulator.Process
        try {
            if (-not $p.HasExited) { $p.Kill($true) }
            $p.WaitForExit(10000) | Out-Null
        }
        catch [System.InvalidOperationException] { }   # already gone
        finally { $p.Dispose() }
    }
}

#endregion

#region Emulator admin endpoints (/_emulator/..., no token needed)

function Get-EmulatorAdminUri {
    param([string] $BaseUri, [string] $Path)
    $BaseUri.TrimEnd('/') + '/_emulator/' + $Path
}

function Add-IgtimiEmulatorFault {
    <#
    .SYNOPSIS
    Scripts the next Count requests (optionally only those under PathPrefix) to fail: with Status
    (kind status, the default), with a connection reset after AfterBytes body bytes (-Kind Reset), or
    with a body written in ChunkBytes chunks, DelayMs before each (-Kind Slow).
    .EXAMPLE
    $emu | Add-IgtimiEmulatorFault -Status 503 -Count 2 -RetryAfter 1
    .EXAMPLE
    $emu | Add-IgtimiEmulatorFault -Kind Reset -AfterBytes 2000 -Count 3 -PathPrefix /api/v1/resources/data
    .EXAMPLE
    $emu | Add-IgtimiEmulatorFault -Kind Slow -DelayMs 500 -Count 10 -PathPrefix /api/v1/resources/data
    .EXAMPLE
    $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode html -PathPrefix /api/v1/devices
    .EXAMPLE
    $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode body -Body '{"error":"x","reason":"y"}' -PathPrefix /api/v1/resources/data
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)][string] $BaseUri,
        [ValidateSet('Status', 'Reset', 'Slow', 'Hostile')][string] $Kind = 'Status',
        [ValidateRange(200, 599)][int] $Status,
        [ValidateRange(1, 1000)][int] $Count = 1,
        [Nullable[int]] $RetryAfter,
        [string] $PathPrefix,
        # Send Retry-After as an HTTP date instead of seconds.
        [switch] $RetryAfterDate,
        # Reset: the body bytes sent before the connection is aborted.
        [ValidateRange(0, [int]::MaxValue)][int] $AfterBytes = 0,
        # Slow: the wait before each chunk of the body, and the chunk size.
        [ValidateRange(0, 600000)][int] $DelayMs = 0,
        [ValidateRange(1, [int]::MaxValue)][int] $ChunkBytes = 4096,
        # Hostile: the misbehaviour (endless-body, html, truncated-json, gzip-bomb, body, ...; see the emulator's README)
        # and its settings; -Status also applies.
        [string] $Mode,
        [string] $Body,
        [string] $ContentType,
        [string] $ContentEncoding,
        [ValidateRange(1, 600000)][int] $IntervalMs = 200,
        [string] $Location
    )
    process {
        $fault = [ordered]@{ kind = $Kind.ToLowerInvariant(); count = $Count }
        switch ($Kind) {
            'Status' {
                if (-not $PSBoundParameters.ContainsKey('Status')) { throw 'A status fault needs -Status.' }
                $fault.status = $Status
                if ($null -ne $RetryAfter) { $fault.retry_after = $RetryAfter }
                if ($RetryAfterDate) { $fault.retry_after_date = $true }
            }
            'Reset' { $fault.after_bytes = $AfterBytes }
            'Slow' { $fault.delay_ms = $DelayMs; $fault.chunk_bytes = $ChunkBytes }
            'Hostile' {
                if (-not $Mode) { throw 'A hostile fault needs -Mode.' }
                $fault['mode'] = $Mode
                $fault['interval_ms'] = $IntervalMs
                if ($PSBoundParameters.ContainsKey('Status')) { $fault['status'] = $Status }
                if ($PSBoundParameters.ContainsKey('Body')) { $fault['body'] = $Body }
                if ($ContentType) { $fault['content_type'] = $ContentType }
                if ($ContentEncoding) { $fault['content_encoding'] = $ContentEncoding }
                if ($Location) { $fault['location'] = $Location }
            }
        }
        if ($PathPrefix) { $fault.path_prefix = $PathPrefix }
        Invoke-RestMethod -NoProxy -Method Post -Uri (Get-EmulatorAdminUri $BaseUri 'faults') -ContentType 'application/json' -Body ($fault | ConvertTo-Json -Compress)
    }
}

function Clear-IgtimiEmulatorFault {
    <# .SYNOPSIS Drops every scripted fault that has not fired yet. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipelineByPropertyName)][string] $BaseUri)
    process { $null = Invoke-RestMethod -NoProxy -Method Delete -Uri (Get-EmulatorAdminUri $BaseUri 'faults') }
}

function Get-IgtimiEmulatorRequest {
    <#
    .SYNOPSIS
    The emulator's log of handled requests (Method, Path, Status, Time; no query strings, so no secrets).
    -Raw returns the whole reply (request_count, fault_count, requests).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)][string] $BaseUri,
        [switch] $Raw
    )
    process {
        $reply = Invoke-RestMethod -NoProxy -Method Get -Uri (Get-EmulatorAdminUri $BaseUri 'requests')
        if ($Raw) { $reply } else { $reply.requests }
    }
}

function Get-IgtimiEmulatorLiveClose {
    <#
    .SYNOPSIS
    How the emulator's closed live connections ended (path, closed_by server|client|abort, server_status, client_status,
    close_code: 1006 when the client sent no close frame). -CloseEveryMs first sets the fault that closes every connection
    that long after it opened (0: off) with -CloseStatus.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)][string] $BaseUri,
        [Nullable[int]] $CloseEveryMs,
        [int] $CloseStatus = 1001
    )
    process {
        if ($null -ne $CloseEveryMs) {
            $fault = @{ kind = 'live'; close_every_ms = $CloseEveryMs; close_status = $CloseStatus } | ConvertTo-Json -Compress
            $null = Invoke-RestMethod -NoProxy -Method Post -Uri (Get-EmulatorAdminUri $BaseUri 'faults') -ContentType 'application/json' -Body $fault
            return
        }
        (Invoke-RestMethod -NoProxy -Method Get -Uri (Get-EmulatorAdminUri $BaseUri 'live_connections')).connections
    }
}

function Clear-IgtimiEmulatorRequest {
    <# .SYNOPSIS Empties the emulator's request log. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipelineByPropertyName)][string] $BaseUri)
    process { $null = Invoke-RestMethod -NoProxy -Method Delete -Uri (Get-EmulatorAdminUri $BaseUri 'requests') }
}

#endregion

#region Credentials and secrets

function Get-IgtimiTestCredential {
    <#
    .SYNOPSIS
    The PSCredential of a seeded emulator user: <user>@emulator.igtimi.test / <user>-pass, or with
    -Sap the SAP flavor's user name (<user>) and the same password.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][ValidateSet('owner', 'coach', 'outsider')][string] $User = 'owner',
        [switch] $Sap
    )
    $name = if ($Sap) { $User } else { "$User@emulator.igtimi.test" }
    [pscredential]::new($name, (ConvertTo-SecureString "$User-pass" -AsPlainText -Force))
}

function Get-IgtimiTestSecrets {
    <#
    .SYNOPSIS
    Every emulator-only secret a test may need: ClientId, ClientSecret, Tokens.owner/coach/outsider,
    SapTokens.owner/..., Passwords.owner/..., and AllSecrets (each value, for "never appears in output"
    assertions).
    #>
    [CmdletBinding()]
    param()
    $passwords = [pscustomobject]@{ owner = 'owner-pass'; coach = 'coach-pass'; outsider = 'outsider-pass' }
    [pscustomobject]@{
        ClientId     = $IgtimiTestClient.ClientId
        ClientSecret = $IgtimiTestClient.ClientSecret
        Tokens       = $IgtimiTestClient.Tokens
        SapTokens    = $IgtimiTestClient.SapTokens
        Passwords    = $passwords
        AllSecrets   = @($IgtimiTestClient.ClientSecret) + @($script:TestUsers | ForEach-Object {
                $IgtimiTestClient.Tokens.$_; $IgtimiTestClient.SapTokens.$_; $passwords.$_ })
    }
}

#endregion

Export-ModuleMember -Variable IgtimiTestClient -Function @(
    'Get-IgtimiTestPaths', 'Get-IgtimiTestDotnet', 'Get-IgtimiTestPwsh', 'Invoke-IgtimiTestPwsh',
    'Start-IgtimiTestEmulator', 'Stop-IgtimiTestEmulator',
    'Add-IgtimiEmulatorFault', 'Clear-IgtimiEmulatorFault', 'Get-IgtimiEmulatorRequest', 'Clear-IgtimiEmulatorRequest',
    'Get-IgtimiEmulatorLiveClose',
    'Get-IgtimiTestCredential', 'Get-IgtimiTestSecrets'
)
