# Plays a user's browser for the interactive grants, so the tests need no real browser. Started by
# Connect-Igtimi through the BROWSER environment variable with the authorize URL as last argument;
# it signs in on the emulator's login form, approves the app, and follows the redirect (running the
# fragment relay page as a browser would). Output goes to $env:IGTIMIPS_TEST_BROWSER_LOG only.
param([Parameter(Mandatory)][string] $AuthorizeUrl)

$ErrorActionPreference = 'Stop'
$log = $env:IGTIMIPS_TEST_BROWSER_LOG
$user = if ($env:IGTIMIPS_TEST_BROWSER_USER) { $env:IGTIMIPS_TEST_BROWSER_USER } else { 'owner' }
$decision = if ($env:IGTIMIPS_TEST_BROWSER_DECISION) { $env:IGTIMIPS_TEST_BROWSER_DECISION } else { 'Authorize' }
# When set, the state of the redirect is replaced by this value, as a redirect planted from another sign-in would carry.
$forgedState = $env:IGTIMIPS_TEST_BROWSER_STATE

function Write-Log([string] $Text) { if ($log) { Add-Content -LiteralPath $log -Value $Text } }

function Get-Forms([string] $Html, [uri] $Page) {
    foreach ($form in [regex]::Matches($Html, '<form\b([^>]*)>(.*?)</form>', 'Singleline, IgnoreCase')) {
        $action = [regex]::Match($form.Groups[1].Value, 'action="([^"]*)"').Groups[1].Value
        $fields = [ordered]@{}
        $submit = @{}
        foreach ($input in [regex]::Matches($form.Groups[2].Value, '<(?:input|button)\b([^>]*)>', 'IgnoreCase')) {
            $attributes = $input.Groups[1].Value
            $name = [regex]::Match($attributes, 'name="([^"]*)"').Groups[1].Value
            if (-not $name) { continue }
            $value = [System.Net.WebUtility]::HtmlDecode([regex]::Match($attributes, 'value="([^"]*)"').Groups[1].Value)
            if ($attributes -match 'type="submit"' -or $input.Value -like '<button*') { $submit[$name] = $value } else { $fields[$name] = $value }
        }
        [pscustomobject]@{ Action = [uri]::new($Page, [System.Net.WebUtility]::HtmlDecode($action)); Fields = $fields; Submit = $submit }
    }
}

try {
    # A 3xx with -MaximumRedirection 0 is returned and also reported as an error; the response is what counts.
    $common = @{ MaximumRedirection = 0; SkipHttpErrorCheck = $true; NoProxy = $true; ErrorAction = 'Ignore' }
    $authorize = [uri]$AuthorizeUrl
    $challenge = [regex]::Match($authorize.Query, '[?&]code_challenge=([^&]*)').Groups[1].Value
    $method = [regex]::Match($authorize.Query, '[?&]code_challenge_method=([^&]*)').Groups[1].Value
    Write-Log "pkce method=$method challenge_length=$($challenge.Length)"
    $page = Invoke-WebRequest -Uri $authorize -SessionVariable browser @common
    $login = Get-Forms $page.Content $authorize | Where-Object { $_.Fields.Keys -match 'password' } | Select-Object -First 1
    $login.Fields['user[email]'] = "$user@emulator.igtimi.test"
    $login.Fields['user[password]'] = "$user-pass"
    $signedIn = Invoke-WebRequest -Uri $login.Action -Method Post -Body $login.Fields -WebSession $browser @common
    if ($signedIn.StatusCode -ne 302) { throw "sign-in answered $($signedIn.StatusCode)" }

    $approval = Invoke-WebRequest -Uri ([uri]::new($authorize, [string]$signedIn.Headers.Location[0])) -WebSession $browser @common
    $form = Get-Forms $approval.Content $authorize | Where-Object { ($_.Submit['commit'] -eq 'Authorize') -eq ($decision -eq 'Authorize') } | Select-Object -First 1
    foreach ($key in $form.Submit.Keys) { $form.Fields[$key] = $form.Submit[$key] }
    $decided = Invoke-WebRequest -Uri $form.Action -Method Post -Body $form.Fields -WebSession $browser @common
    if ($decided.StatusCode -ne 302) { throw "approval answered $($decided.StatusCode)" }

    $location = [uri]::new($authorize, [string]$decided.Headers.Location[0])
    if ($forgedState) { $location = [uri]($location.AbsoluteUri -replace 'state=[^&#]*', "state=$forgedState") }
    Write-Log "redirected to $($location.GetLeftPart('Path'))"
    $plain = [System.UriBuilder]::new($location)
    $plain.Fragment = ''
    $landing = Invoke-WebRequest -Uri $plain.Uri @common
    if ($location.Fragment.Length -gt 1 -and $landing.Content -match 'window\.location\.hash') {
        $relay = [System.UriBuilder]::new($plain.Uri)
        $relay.Query = $location.Fragment.TrimStart('#') + '&igtimips_fragment=1'
        $null = Invoke-WebRequest -Uri $relay.Uri @common
    }
    Write-Log 'done'
}
catch {
    Write-Log "failed: $_"
    exit 1
}
