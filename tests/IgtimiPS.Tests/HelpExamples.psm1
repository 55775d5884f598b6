# The help-example runner behind HelpExamples.Tests.ps1: reads the examples of docs/en-US/*.md, runs them in a
# child pwsh against the emulator on the examples' port, and compares what they write with the page's Output block.
#
# What a page may say next to an example (HTML comments, one a line, anywhere between the example's heading and the
# next; build/HelpBuilder.psm1 leaves them out of the help):
#   <!-- not run: why -->        the example cannot run unattended (browser, prompt, Ctrl+C, a real server)
#   <!-- as: coach -->           who is signed in before it runs (default owner; `owner, coach` opens both, the last
#                                current; `none`: nobody)
#   <!-- mask: REGEX -->         a value that legitimately varies (a time relative to now, a state value): matches of
#                                the regex become <masked> on both sides (and on such a line runs of spaces count as
#                                one, since a masked value may move the columns); it must match in the page's Output block
#   <!-- emulator: ARGS -->      the example needs an emulator started with these extra arguments (live faults)
#   <!-- output: none -->        the example writes nothing by design (an example without an Output block must otherwise
#                                write something to the pipeline or a file with content, so that it cannot do nothing)
# A file an example writes must have content: a GPX track point, a CSV row under the header, a GeoJSON/KML coordinate.
# In an Output block, a line of only `...` stands for any number of lines (rows a page leaves out).
#
# The state every example starts from: the emulator (seed 1, regatta anchored on 2026-11-28) on http://127.0.0.1:5080/,
# the users of `as:` signed in with the password grant of the emulator's demo application, IGTIMI_BASE_URI and
# IGTIMI_ACCESS_TOKEN set to the emulator and the (first) user's token, a stand-in for SecretManagement's Get-Secret whose
# vault holds IgtimiToken (that token), and an empty temporary folder per page as the current location. Examples of a
# page share one child pwsh (and their variables); an example that connects, disconnects or lists connections, or asks
# for its own emulator, gets a child of its own, so connection numbers start at 1 as in a fresh session.

Set-StrictMode -Version Latest

Import-Module "$PSScriptRoot/TestHelpers.psm1"
Import-Module "$PSScriptRoot/../../build/DevProcess.psm1"

$script:ExamplePort = 5080
$script:AnchorDate = '2026-11-28'
$script:DirectivePattern = '^\s*<!--\s*(not run|as|mask|emulator|output)\s*:\s*(.*?)\s*-->\s*$'

#region Reading the pages

function Read-HelpExample {
    <#
    .SYNOPSIS
    The examples of one help page: Page, Number, Title, Line, Code, Expected (the Output block, or $null), NotRun,
    Users, Masks, EmulatorArgs, OwnSession.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Path)
    $page = [System.IO.Path]::GetFileNameWithoutExtension($Path)
    $isAbout = $page -like 'about_*'
    $lines = [System.IO.File]::ReadAllText($Path) -replace "`r`n", "`n" -split "`n"
    $examples = [System.Collections.Generic.List[object]]::new()
    $inExamples = $false
    $current = $null
    $lastPara = ''
    $pending = [System.Collections.Generic.List[string]]::new()   # about pages: directives before the code
    $new = {
        param($title, $line)
        [pscustomobject]@{
            Page = $page; Number = $examples.Count + 1; Title = $title; Line = $line; Code = $null; Expected = $null
            NotRun = $null; Users = @('owner'); Masks = @(); EmulatorArgs = @(); OwnSession = $false; Quiet = $false
        }
    }
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^\s*(```+|~~~+)\s*([\w.+-]*)') {
            $fence = $Matches[1]; $lang = $Matches[2]; $start = $i + 1
            $code = [System.Collections.Generic.List[string]]::new()
            $i++
            while ($i -lt $lines.Count -and -not $lines[$i].TrimStart().StartsWith($fence)) { $code.Add($lines[$i]); $i++ }
            if (-not $inExamples) { continue }
            $text = $code -join "`n"
            if ($lang -eq 'powershell') {
                if ($isAbout) {
                    $current = & $new ($lastPara -replace '\s+', ' ').TrimEnd(':') $start
                    $examples.Add($current)
                    foreach ($d in $pending) { Add-ExampleDirective $current $d }
                    $pending.Clear()
                }
                if ($null -eq $current) { continue }
                $current.Code = if ($current.Code) { $current.Code + "`n`n" + $text } else { $text }
            }
            elseif ($lang -eq 'Output' -and $null -ne $current) { $current.Expected = $text }
            continue
        }
        if ($line -match '^(#{1,3})\s+(.*?)\s*$') {
            $level = $Matches[1].Length; $heading = $Matches[2]
            if ($isAbout -and $level -eq 1) { $inExamples = $heading -eq 'EXAMPLES'; $current = $null; continue }
            if (-not $isAbout -and $level -eq 2) { $inExamples = $heading -eq 'EXAMPLES'; $current = $null; continue }
            if (-not $isAbout -and $level -eq 3 -and $inExamples) {
                $current = & $new ($heading -replace '^Example \d+:\s*', '') ($i + 1)
                $examples.Add($current)
            }
            continue
        }
        if (-not $inExamples) { continue }
        if ($line -match $script:DirectivePattern) {
            if ($isAbout) { $pending.Add($line) } else { Add-ExampleDirective $current $line }
            continue
        }
        if ($line.Trim()) { $lastPara = $line.Trim() }
    }
    foreach ($e in $examples) {
        if ($e.Code -match '\b(Connect-Igtimi|Disconnect-Igtimi|Get-IgtimiConnection)\b' -or $e.EmulatorArgs.Count) { $e.OwnSession = $true }
    }
    $examples.ToArray()
}

function Add-ExampleDirective {
    param($Example, [string] $Line)
    if ($null -eq $Example -or $Line -notmatch $script:DirectivePattern) { return }
    $value = $Matches[2]
    switch ($Matches[1]) {
        'not run' { $Example.NotRun = $value }
        'as' { $Example.Users = @($value -split '\s*,\s*' | Where-Object { $_ -and $_ -ne 'none' }) }
        'mask' { $Example.Masks += $value }
        'output' { $Example.Quiet = $value -eq 'none' }
        'emulator' { $Example.EmulatorArgs = @($value -split '\s+' | Where-Object { $_ }) }
    }
}

#endregion

#region Emulator on the examples' port

$script:Emulator = $null
$script:EmulatorKey = $null

function Use-ExampleEmulator {
    <#
    .SYNOPSIS
    Makes sure the emulator with these extra arguments runs, on the examples' port when it is free (else on a free
    port, with a warning: the runner then swaps the port in the code and back in the output). Returns it.
    #>
    [CmdletBinding()]
    param([string[]] $ExtraArgs = @())
    $key = $ExtraArgs -join ' '
    if ($script:Emulator -and $script:EmulatorKey -eq $key) { return $script:Emulator }
    Stop-ExampleEmulator
    $base = @('--anchor-date', $script:AnchorDate, '--live-start', "$($script:AnchorDate)T16:18:20Z") + $ExtraArgs
    try { $emu = Start-IgtimiTestEmulator -Seed 1 -ExtraArgs ($base + @('--urls', "http://127.0.0.1:$script:ExamplePort")) }
    catch {
        Write-Warning "The examples' port $script:ExamplePort is not free ($($_.Exception.Message)); using a free port instead."
        $emu = Start-IgtimiTestEmulator -Seed 1 -ExtraArgs $base
    }
    $script:Emulator = $emu
    $script:EmulatorKey = $key
    $emu
}

function Stop-ExampleEmulator {
    if ($script:Emulator) { Stop-IgtimiTestEmulator $script:Emulator }
    $script:Emulator = $null
    $script:EmulatorKey = $null
}

#endregion

#region Running

function Invoke-HelpExampleBatch {
    <#
    .SYNOPSIS
    Runs examples one after another in one child pwsh against the emulator; returns one result per example:
    Number, Text (the output as the console shows it at 80 columns), HadError, Error, Files, MissingFiles.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][object[]] $Examples, [Parameter(Mandatory)][string] $Folder, [string[]] $EmulatorArgs = @())
    $emu = Use-ExampleEmulator -ExtraArgs $EmulatorArgs
    $authority = ([uri]$emu.BaseUri).Authority
    $secrets = Get-IgtimiTestSecrets
    $spec = [ordered]@{
        Manifest     = (Get-IgtimiTestPaths).Manifest
        # Start-IgtimiEmulator's examples find the staged emulator the way a user's IGTIMI_EMULATOR would point at one.
        Emulator     = (Get-IgtimiTestPaths).Emulator
        BaseUri      = $emu.BaseUri
        ClientId     = $secrets.ClientId
        ClientSecret = $secrets.ClientSecret
        Folder       = $Folder
        Examples     = @(foreach ($e in $Examples) {
                [ordered]@{
                    Number = $e.Number
                    Code   = $e.Code -replace "127\.0\.0\.1:$script:ExamplePort", $authority
                    Token  = $secrets.Tokens.($(if ($e.Users.Count) { $e.Users[0] } else { 'owner' }))
                    Users  = @(foreach ($u in $e.Users) { [ordered]@{ Name = "$u@emulator.igtimi.test"; Password = $secrets.Passwords.$u; Token = $secrets.Tokens.$u } })
                    Files  = @([regex]::Matches($e.Code, '-(?:OutFile|Path)\s+(\.?/?[\w.-]+\.\w+)(?=\s|$)') | ForEach-Object { $_.Groups[1].Value })
                }
            })
    }
    $null = New-Item -ItemType Directory -Force -Path $Folder
    $specPath = Join-Path $Folder ('.spec-{0}.json' -f [guid]::NewGuid().ToString('N'))
    $resultPath = "$specPath.result.json"
    $spec | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $specPath -Encoding utf8
    try {
        $child = Join-Path $PSScriptRoot 'HelpExampleChild.ps1'
        $r = Invoke-ChildPwsh -File $child -FileArguments $specPath, $resultPath -Capture -CaptureError -PlainText `
            -TimeoutSeconds (60 + 90 * $Examples.Count) -WorkingDirectory $Folder
        if (-not (Test-Path -LiteralPath $resultPath)) {
            throw "The example runner wrote no results (exit code $($r.ExitCode)): $($r.ErrorText) $($r.Output -join "`n")"
        }
        $results = @(Get-Content -LiteralPath $resultPath -Raw | ConvertFrom-Json)
        foreach ($res in $results) {
            if ($authority -ne "127.0.0.1:$script:ExamplePort") { $res.Text = $res.Text -replace [regex]::Escape($authority), "127.0.0.1:$script:ExamplePort" }
        }
        $results
    }
    finally { Remove-Item -LiteralPath $specPath, $resultPath -ErrorAction SilentlyContinue }
}

function Invoke-HelpExamplePage {
    <#
    .SYNOPSIS
    Runs every example of a page that can run: the plain ones in one shared child, the others each in their own.
    Returns a hashtable Number -> result.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][object[]] $Examples, [Parameter(Mandatory)][string] $Folder)
    $byNumber = @{}
    $runnable = @($Examples | Where-Object { -not $_.NotRun })
    $shared = @($runnable | Where-Object { -not $_.OwnSession })
    if ($shared.Count) {
        foreach ($r in (Invoke-HelpExampleBatch -Examples $shared -Folder (Join-Path $Folder 'shared'))) { $byNumber[[int]$r.Number] = $r }
    }
    foreach ($e in @($runnable | Where-Object OwnSession)) {
        $r = Invoke-HelpExampleBatch -Examples @($e) -Folder (Join-Path $Folder "example-$($e.Number)") -EmulatorArgs $e.EmulatorArgs
        $byNumber[$e.Number] = $r
    }
    # A page whose cmdlet changes the server's data leaves the world changed: the pages after it get a fresh emulator.
    if ($Examples.Count -and $Examples[0].Page -match '^(New|Remove|Add|Set|Register|Unregister|Grant|Revoke|Send)-Igtimi') { Stop-ExampleEmulator }
    $byNumber
}

#endregion

#region Comparing

function ConvertTo-ComparableLines {
    # Trailing white space off, blank lines out, masks applied. A masked value may be wider or narrower than the page's,
    # which moves a table's columns: on a line with a mask, runs of spaces count as one.
    param([AllowNull()][string] $Text, [string[]] $Masks = @())
    if ($null -eq $Text) { return , @() }
    $out = foreach ($l in ($Text -replace "`r`n", "`n" -split "`n")) {
        $l = $l.TrimEnd()
        if (-not $l) { continue }
        $masked = $false
        foreach ($m in $Masks) {
            $replaced = [regex]::Replace($l, $m, '<masked>')
            if ($replaced -ne $l) { $masked = $true; $l = $replaced }
        }
        if ($masked) { $l = $l -replace ' {2,}', ' ' }
        $l
    }
    , @($out)
}

function Test-ElidedMatch {
    # True when Actual matches Expected, where an expected line `...` stands for any number of actual lines.
    param([string[]] $Expected, [string[]] $Actual)
    $segments = [System.Collections.Generic.List[object]]::new()
    $seg = [System.Collections.Generic.List[string]]::new()
    foreach ($l in $Expected) {
        if ($l.Trim() -eq '...') { $segments.Add($seg.ToArray()); $seg = [System.Collections.Generic.List[string]]::new() }
        else { $seg.Add($l) }
    }
    $segments.Add($seg.ToArray())
    if ($segments.Count -eq 1) { return ($Expected -join "`n") -ceq ($Actual -join "`n") }
    $first = @($segments[0]); $last = @($segments[$segments.Count - 1])
    if ($first.Count + $last.Count -gt $Actual.Count) { return $false }
    for ($i = 0; $i -lt $first.Count; $i++) { if ($Actual[$i] -cne $first[$i]) { return $false } }
    $tail = $Actual.Count - $last.Count
    for ($i = 0; $i -lt $last.Count; $i++) { if ($Actual[$tail + $i] -cne $last[$i]) { return $false } }
    $pos = $first.Count
    for ($s = 1; $s -lt $segments.Count - 1; $s++) {
        $want = @($segments[$s])
        if ($want.Count -eq 0) { continue }
        $found = $false
        for (; $pos + $want.Count -le $tail; $pos++) {
            $ok = $true
            for ($k = 0; $k -lt $want.Count; $k++) { if ($Actual[$pos + $k] -cne $want[$k]) { $ok = $false; break } }
            if ($ok) { $pos += $want.Count; $found = $true; break }
        }
        if (-not $found) { return $false }
    }
    $true
}

function Format-LineDiff {
    # A line diff (LCS): '-' only on the page, '+' only in the actual output, ' ' both.
    param([string[]] $Expected, [string[]] $Actual)
    $n = $Expected.Count; $m = $Actual.Count
    $lcs = New-Object 'int[,]' ($n + 1), ($m + 1)
    for ($i = $n - 1; $i -ge 0; $i--) {
        for ($j = $m - 1; $j -ge 0; $j--) {
            $lcs[$i, $j] = if ($Expected[$i] -ceq $Actual[$j]) { $lcs[($i + 1), ($j + 1)] + 1 } else { [Math]::Max($lcs[($i + 1), $j], $lcs[$i, ($j + 1)]) }
        }
    }
    $i = 0; $j = 0
    $out = while ($i -lt $n -or $j -lt $m) {
        if ($i -lt $n -and $j -lt $m -and $Expected[$i] -ceq $Actual[$j]) { "  $($Expected[$i])"; $i++; $j++ }
        elseif ($j -lt $m -and ($i -ge $n -or $lcs[$i, ($j + 1)] -ge $lcs[($i + 1), $j])) { "+ $($Actual[$j])"; $j++ }
        else { "- $($Expected[$i])"; $i++ }
    }
    $out -join "`n"
}

function Get-HelpExampleFailure {
    <#
    .SYNOPSIS
    Why an example's result does not match its page, or $null when it does.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Example, [Parameter(Mandatory)][AllowNull()] $Result)
    $where = "$($Example.Page).md line $($Example.Line)"
    if ($null -eq $Result) { return "$($where): the example did not run." }
    $problems = [System.Collections.Generic.List[string]]::new()
    foreach ($f in @($Result.MissingFiles)) { if ($f) { $problems.Add("the file '$f' it names was not written") } }
    foreach ($f in @($Result.Files)) { if ($f -and -not $f.HasContent) { $problems.Add("it wrote '$($f.Name)' with no data in it ($($f.Length) bytes)") } }
    if ($null -eq $Example.Expected) {
        if ($Result.HadError) { $problems.Add("it failed, and the page shows no output:`n$($Result.Text.Trim())") }
        elseif (-not $Example.Quiet -and -not $Result.Text.Trim() -and -not @($Result.Files | Where-Object { $_ -and $_.HasContent }).Count) {
            $problems.Add('it wrote nothing (no output, no file with data); mark it <!-- output: none --> if that is the point')
        }
    }
    else {
        foreach ($m in $Example.Masks) {
            if (-not [regex]::IsMatch($Example.Expected, $m)) { $problems.Add("the mask '$m' matches nothing in the page's Output block") }
        }
        $expected = ConvertTo-ComparableLines $Example.Expected $Example.Masks
        $actual = ConvertTo-ComparableLines $Result.Text $Example.Masks
        if (-not (Test-ElidedMatch -Expected $expected -Actual $actual)) {
            $plain = @($expected | Where-Object { $_.Trim() -ne '...' })
            $problems.Add("the output differs from the page ('-' page, '+' actual; '...' lines left out):`n" + (Format-LineDiff $plain $actual))
        }
    }
    if ($problems.Count) { return "$($where): " + ($problems -join "`n") }
    $null
}

#endregion

Export-ModuleMember -Function Read-HelpExample, Use-ExampleEmulator, Stop-ExampleEmulator, Invoke-HelpExamplePage, Get-HelpExampleFailure,
    ConvertTo-ComparableLines, Test-ElidedMatch
