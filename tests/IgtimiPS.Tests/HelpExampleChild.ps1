# Runs help examples in this (child) pwsh for HelpExamples.psm1: reads the spec it wrote, runs each example from the
# state the examples assume (see HelpExamples.psm1) and writes one result per example as JSON.
param([Parameter(Mandatory)][string] $SpecPath, [Parameter(Mandatory)][string] $ResultPath)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$PSStyle.OutputRendering = 'PlainText'
$__spec = Get-Content -LiteralPath $SpecPath -Raw | ConvertFrom-Json
Import-Module $__spec.Manifest
$env:IGTIMI_EMULATOR = $__spec.Emulator
Set-Location -LiteralPath $__spec.Folder

# A stand-in for Microsoft.PowerShell.SecretManagement: the vault holds IgtimiToken, the (first) user's emulator token.
if (-not (Get-Command Get-Secret -ErrorAction Ignore)) {
    function global:Get-Secret {
        param([Parameter(Mandatory, Position = 0)][string] $Name, [switch] $AsPlainText)
        if ($Name -ne 'IgtimiToken') { throw "Get-Secret: the example vault holds no secret '$Name'." }
        if ($AsPlainText) { return $global:__exampleToken }
        ConvertTo-SecureString $global:__exampleToken -AsPlainText -Force
    }
}

# A written file has data: not just the header or the frame of its format.
function Test-FileContent([System.IO.FileInfo] $File) {
    if ($File.Length -eq 0) { return $false }
    $text = [System.IO.File]::ReadAllText($File.FullName)
    switch ($File.Extension.ToLowerInvariant()) {
        '.gpx' { return $text -match '<trkpt|<wpt|<rtept' }
        '.csv' { return @($text -split "`n" | Where-Object { $_.Trim() }).Count -gt 1 }
        '.geojson' { return $text -match '"coordinates"\s*:\s*\[\s*[\[\d-]' }
        '.kml' { return $text -match '<(gx:)?coord(inates)?>\s*-?\d' }
        { $_ -in '.html', '.svg' } { return $text -match '<g class="track"[^>]*>.*?<polyline stroke="[^"]+" points="-?\d' }
        '.json' { return $text.Trim().Length -gt 2 }
        default { return $text.Trim().Length -gt 0 }
    }
}

$__results = [System.Collections.Generic.List[object]]::new()
foreach ($__example in $__spec.Examples) {
    $ErrorActionPreference = 'Stop'
    Get-IgtimiConnection -All | Disconnect-Igtimi
    foreach ($__user in $__example.Users) {
        $__cred = [pscredential]::new($__user.Name, (ConvertTo-SecureString $__user.Password -AsPlainText -Force))
        Connect-Igtimi -BaseUri $__spec.BaseUri -Credential $__cred -ClientId $__spec.ClientId -ClientSecret $__spec.ClientSecret
    }
    $global:__exampleToken = $__example.Token
    $env:IGTIMI_BASE_URI = $__spec.BaseUri
    $env:IGTIMI_ACCESS_TOKEN = $__example.Token
    $__before = @{}
    Get-ChildItem -File -Recurse | ForEach-Object { $__before[$_.FullName] = "$($_.Length)|$($_.LastWriteTimeUtc.Ticks)" }

    # As at the prompt: the whole example is one pipeline into the formatter, its variables stay in this scope.
    $ErrorActionPreference = 'Continue'
    $__records = [System.Collections.Generic.List[object]]::new()
    $__block = [scriptblock]::Create($__example.Code)
    # ShouldProcess writes "What if:" to the host directly; only a transcript sees it.
    $__transcript = Join-Path ([System.IO.Path]::GetTempPath()) ('igtimi-example-{0}.txt' -f [guid]::NewGuid().ToString('N'))
    $null = Start-Transcript -LiteralPath $__transcript -UseMinimalHeader
    try { . $__block *>&1 | ForEach-Object { $__records.Add($_) } }
    catch { $__records.Add($_) }
    finally { $null = Stop-Transcript }
    $ErrorActionPreference = 'Stop'
    # (The transcript logs redirected errors too, so only the What if lines are taken from it.)
    $__hostLines = @(Get-Content -LiteralPath $__transcript | Where-Object { $_ -like 'What if: *' })
    Remove-Item -LiteralPath $__transcript -ErrorAction SilentlyContinue

    # The console's prefixes for the host streams; records of the information stream show only when written to the host.
    $__rendered = foreach ($__r in $__records) {
        if ($__r -is [System.Management.Automation.VerboseRecord]) { "VERBOSE: $($__r.Message)" }
        elseif ($__r -is [System.Management.Automation.WarningRecord]) { "WARNING: $($__r.Message)" }
        elseif ($__r -is [System.Management.Automation.DebugRecord]) { "DEBUG: $($__r.Message)" }
        elseif ($__r -is [System.Management.Automation.InformationRecord]) { if ($__r.Tags -contains 'PSHOST') { "$($__r.MessageData)" } }
        else { $__r }
    }
    $__text = (@($__hostLines) -join "`n") + "`n" + ($__rendered | Out-String -Width 80)
    $__files = @(Get-ChildItem -File -Recurse | Where-Object { $_.Name -notlike '.spec-*' -and $__before[$_.FullName] -ne "$($_.Length)|$($_.LastWriteTimeUtc.Ticks)" } |
        ForEach-Object { [ordered]@{ Name = [System.IO.Path]::GetRelativePath($__spec.Folder, $_.FullName); Length = $_.Length; HasContent = Test-FileContent $_ } })
    $__missing = @($__example.Files | Where-Object { -not (Test-Path -LiteralPath (Join-Path $__spec.Folder $_)) })
    $__results.Add([ordered]@{
            Number       = $__example.Number
            Text         = $__text
            HadError     = [bool]@($__records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count
            Files        = $__files
            MissingFiles = $__missing
        })
    Set-Location -LiteralPath $__spec.Folder
}
Get-IgtimiConnection -All | Disconnect-Igtimi
ConvertTo-Json -InputObject $__results.ToArray() -Depth 5 | Set-Content -LiteralPath $ResultPath -Encoding utf8
