# Headless Chromium for the tests that look at rendered pages, driven over its DevTools protocol (a WebSocket, JSON
# commands: Page.navigate, Runtime.evaluate, Page.captureScreenshot). No Node, no npm: ClientWebSocket only.
#
#   $browser = Start-TestChromium          # $null (and a reason in Get-TestChromiumPath) where no browser exists
#   Open-TestChromiumPage $browser 'file:///tmp/race.html'
#   Invoke-TestChromiumScript $browser 'document.title'
#   Save-TestChromiumScreenshot $browser ./race.png
#   Stop-TestChromium $browser

Set-StrictMode -Version Latest

function Get-TestChromiumPath {
    <#
    .SYNOPSIS
    The Chromium to use: IGTIMIPS_CHROMIUM (a path, or 'none' for no browser), else chromium, chromium-browser or
    google-chrome on the PATH; $null if none.
    #>
    [CmdletBinding()]
    param()
    if ($env:IGTIMIPS_CHROMIUM -eq 'none') { return $null }   # to see the tests skip where no browser exists
    if ($env:IGTIMIPS_CHROMIUM -and (Test-Path -LiteralPath $env:IGTIMIPS_CHROMIUM)) { return $env:IGTIMIPS_CHROMIUM }
    foreach ($name in 'chromium', 'chromium-browser', 'google-chrome') {
        $cmd = Get-Command $name -CommandType Application -ErrorAction Ignore | Select-Object -First 1
        if ($cmd) { return $cmd.Source }
    }
    $null
}

function Start-TestChromium {
    <#
    .SYNOPSIS
    Starts headless Chromium with a DevTools port of its own and connects to its first page; $null without a browser.
    #>
    [CmdletBinding()]
    param([int] $Width = 1200, [int] $Height = 900, [int] $TimeoutSeconds = 60)
    $path = Get-TestChromiumPath
    if (-not $path) { return $null }
    $userData = Join-Path ([IO.Path]::GetTempPath()) ('igtimips-chromium-' + [guid]::NewGuid().ToString('n'))
    $psi = [Diagnostics.ProcessStartInfo]::new($path)
    foreach ($a in '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check',
        '--disable-extensions', '--hide-scrollbars', '--remote-debugging-port=0', "--user-data-dir=$userData", "--window-size=$Width,$Height", 'about:blank') {
        $psi.ArgumentList.Add($a)
    }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardOutput = $true
    $p = [Diagnostics.Process]::Start($psi)
    $null = $p.StandardOutput.BaseStream.CopyToAsync([IO.Stream]::Null)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $endpoint = $null
    $seen = [Text.StringBuilder]::new()
    try {
        while (-not $endpoint) {
            $left = [int][Math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)
            $read = $p.StandardError.ReadLineAsync()
            if (-not $read.Wait($left)) { throw "Chromium printed no DevTools address within $TimeoutSeconds s: $seen" }
            if ($null -eq $read.Result) { throw "Chromium exited (code $(if ($p.HasExited) { $p.ExitCode })) before listening: $seen" }
            $null = $seen.AppendLine($read.Result)
            if ($read.Result -match 'DevTools listening on (ws://[^/]+)/') { $endpoint = $Matches[1] }
        }
        $null = $p.StandardError.BaseStream.CopyToAsync([IO.Stream]::Null)
        $http = 'http' + $endpoint.Substring(2)
        $targets = Invoke-RestMethod -Uri "$http/json/list" -TimeoutSec 10
        $page = @($targets | Where-Object type -eq 'page')[0]
        $socket = [Net.WebSockets.ClientWebSocket]::new()
        $socket.Options.KeepAliveInterval = [TimeSpan]::Zero
        $socket.ConnectAsync([uri] $page.webSocketDebuggerUrl, [Threading.CancellationToken]::None).Wait(10000) | Out-Null
        if ($socket.State -ne 'Open') { throw "Could not open Chromium's DevTools socket $($page.webSocketDebuggerUrl)." }
        $browser = [pscustomobject]@{
            Process = $p; Socket = $socket; UserData = $userData; NextId = 0; Events = [Collections.Generic.List[object]]::new(); Width = $Width
        }
        $null = Invoke-TestChromiumCommand $browser 'Page.enable'
        $null = Invoke-TestChromiumCommand $browser 'Runtime.enable'
        $null = Invoke-TestChromiumCommand $browser 'Log.enable'
        $browser
    }
    catch {
        if (-not $p.HasExited) { $p.Kill($true) }
        throw
    }
}

function Invoke-TestChromiumCommand {
    <#
    .SYNOPSIS
    Sends one DevTools command and returns its result; events that arrive meanwhile go to $Browser.Events.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Browser, [Parameter(Mandatory)][string] $Method, [hashtable] $Params = @{}, [int] $TimeoutSeconds = 30)
    $id = ++$Browser.NextId
    $json = @{ id = $id; method = $Method; params = $Params } | ConvertTo-Json -Depth 10 -Compress
    $bytes = [Text.Encoding]::UTF8.GetBytes($json)
    $cts = [Threading.CancellationTokenSource]::new([TimeSpan]::FromSeconds($TimeoutSeconds))
    try {
        $Browser.Socket.SendAsync([ArraySegment[byte]]::new($bytes), 'Text', $true, $cts.Token).Wait()
        $buffer = [byte[]]::new(1 -shl 20)
        while ($true) {
            $message = [IO.MemoryStream]::new()
            do {
                $r = $Browser.Socket.ReceiveAsync([ArraySegment[byte]]::new($buffer), $cts.Token)
                $r.Wait()
                if ($r.Result.MessageType -eq 'Close') { throw "Chromium closed its DevTools socket during $Method." }
                $message.Write($buffer, 0, $r.Result.Count)
            } while (-not $r.Result.EndOfMessage)
            $reply = [Text.Encoding]::UTF8.GetString($message.ToArray()) | ConvertFrom-Json -Depth 100
            if ($reply.PSObject.Properties['id'] -and $reply.id -eq $id) {
                if ($reply.PSObject.Properties['error']) { throw "DevTools $Method failed: $($reply.error.message)" }
                return $reply.result
            }
            if ($reply.PSObject.Properties['method']) { $Browser.Events.Add($reply) }
        }
    }
    finally { $cts.Dispose() }
}

function Invoke-TestChromiumScript {
    <#
    .SYNOPSIS
    Evaluates a JavaScript expression in the page and returns its value (JSON-serialisable values only); a script
    exception is an error.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Browser, [Parameter(Mandatory)][string] $Expression)
    $r = Invoke-TestChromiumCommand $Browser 'Runtime.evaluate' @{ expression = $Expression; returnByValue = $true; awaitPromise = $true }
    if ($r.PSObject.Properties['exceptionDetails']) { throw "The page's script failed: $($r.exceptionDetails | ConvertTo-Json -Depth 5 -Compress)" }
    if ($r.result.PSObject.Properties['value']) { $r.result.value } else { $null }
}

function Open-TestChromiumPage {
    <#
    .SYNOPSIS
    Navigates to a URL and waits until the document has loaded.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Browser, [Parameter(Mandatory)][string] $Url, [int] $TimeoutSeconds = 30)
    $Browser.Events.Clear()
    $nav = Invoke-TestChromiumCommand $Browser 'Page.navigate' @{ url = $Url }
    if ($nav.PSObject.Properties['errorText'] -and $nav.errorText) { throw "Chromium could not open ${Url}: $($nav.errorText)" }
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ((Invoke-TestChromiumScript $Browser 'document.readyState') -ne 'complete') {
        if ([DateTime]::UtcNow -gt $deadline) { throw "$Url did not load within $TimeoutSeconds s." }
        Start-Sleep -Milliseconds 50
    }
}

function Get-TestChromiumProblem {
    <#
    .SYNOPSIS
    Script exceptions and console or network errors the page reported since it was opened.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Browser)
    # A round trip first, so that events sent before it are in.
    $null = Invoke-TestChromiumScript $Browser '1'
    foreach ($e in $Browser.Events) {
        if ($e.method -eq 'Runtime.exceptionThrown') { 'exception: ' + $e.params.exceptionDetails.exception.description }
        elseif ($e.method -eq 'Log.entryAdded' -and $e.params.entry.level -eq 'error') { 'log: ' + $e.params.entry.text }
        elseif ($e.method -eq 'Runtime.consoleAPICalled' -and $e.params.type -eq 'error') { 'console: ' + ($e.params.args.value -join ' ') }
    }
}

function Save-TestChromiumScreenshot {
    <#
    .SYNOPSIS
    Saves a PNG of the whole page (its full height, at the browser's width) and returns the file.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Browser, [Parameter(Mandatory)][string] $Path)
    $height = [int](Invoke-TestChromiumScript $Browser 'Math.ceil(document.documentElement.getBoundingClientRect().height)')
    $null = Invoke-TestChromiumCommand $Browser 'Emulation.setDeviceMetricsOverride' @{
        width = $Browser.Width; height = [Math]::Max(200, $height); deviceScaleFactor = 1; mobile = $false
    }
    $shot = Invoke-TestChromiumCommand $Browser 'Page.captureScreenshot' @{ format = 'png' }
    [IO.File]::WriteAllBytes($Path, [Convert]::FromBase64String($shot.data))
    Get-Item -LiteralPath $Path
}

function Stop-TestChromium {
    <#
    .SYNOPSIS
    Closes the socket, ends the browser started by Start-TestChromium (its process tree) and removes its profile.
    #>
    [CmdletBinding()]
    param([AllowNull()] $Browser)
    if ($null -eq $Browser) { return }
    try { $Browser.Socket.Dispose() } catch [ObjectDisposedException] { }
    $p = $Browser.Process
    if (-not $p.HasExited) { $p.Kill($true) }
    $p.WaitForExit(10000) | Out-Null
    $p.Dispose()
    Remove-Item -LiteralPath $Browser.UserData -Recurse -Force -ErrorAction Ignore
}

Export-ModuleMember -Function Get-TestChromiumPath, Start-TestChromium, Invoke-TestChromiumCommand, Invoke-TestChromiumScript,
    Open-TestChromiumPage, Get-TestChromiumProblem, Save-TestChromiumScreenshot, Stop-TestChromium
