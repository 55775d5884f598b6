BeforeAll {
    . "$PSScriptRoot/EmulatorTestSetup.ps1"
    $script:pwsh = Get-IgtimiTestPwsh

    function Disconnect-All { Get-IgtimiConnection -All | Disconnect-Igtimi }

    # A BROWSER command that runs PlayBrowser.ps1 in a fresh pwsh (the launcher appends the URL).
    function Set-TestBrowser([string] $User = 'owner', [string] $Decision = 'Authorize', [string] $ForgeState) {
        $script:browserLog = Join-Path ([IO.Path]::GetTempPath()) "igtimips-browser-$([guid]::NewGuid()).log"
        $words = @($script:pwsh.FilePath) + $script:pwsh.Arguments + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'PlayBrowser.ps1'))
        $env:BROWSER = ($words | ForEach-Object { "'$_'" }) -join ' '
        $env:IGTIMIPS_TEST_BROWSER_LOG = $script:browserLog
        $env:IGTIMIPS_TEST_BROWSER_USER = $User
        $env:IGTIMIPS_TEST_BROWSER_DECISION = $Decision
        if ($ForgeState) { $env:IGTIMIPS_TEST_BROWSER_STATE = $ForgeState } else { Remove-Item Env:IGTIMIPS_TEST_BROWSER_STATE -ErrorAction Ignore }
    }

    # Runs Connect-Igtimi -NoBrowser with a loopback redirect in a child pwsh, plays the browser up to the redirect
    # (which -NoBrowser never follows), and pastes what $Paste makes of its address. Returns the child's output.
    function Invoke-PastedSignIn([scriptblock] $Paste) {
        $script = @"
Import-Module '$((Get-IgtimiTestPaths).Manifest)'
try {
    Connect-Igtimi -BaseUri '$($emu.BaseUri)' -ClientId '$($secrets.ClientId)' -ClientSecret '$($secrets.ClientSecret)' ``
        -RedirectUri 'http://127.0.0.1/callback' -NoBrowser
    'USER=' + (Get-IgtimiAccount).Email
}
catch { 'ERROR=' + `$_.FullyQualifiedErrorId + '|' + `$_.CategoryInfo.Category + '|' + `$_.Exception.Message }
"@
        $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh.FilePath)
        foreach ($a in $pwsh.Arguments + @('-NoProfile', '-Command', $script)) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $child = [System.Diagnostics.Process]::Start($psi)
        try {
            $stderr = $child.StandardError.ReadToEndAsync()
            $url = $null
            while ($null -ne ($line = $child.StandardOutput.ReadLine())) { if ($line -match 'Sign-in URL: (\S+)') { $url = $Matches[1]; break } }
            $url | Should -Not -BeNullOrEmpty
            $common = @{ NoProxy = $true; MaximumRedirection = 0; SkipHttpErrorCheck = $true; ErrorAction = 'Ignore' }
            $session = $null
            $page = Invoke-WebRequest -Uri $url -SessionVariable session @common
            $token = [regex]::Match($page.Content, 'name="authenticity_token" value="([^"]*)"').Groups[1].Value
            $returnTo = [System.Net.WebUtility]::HtmlDecode([regex]::Match($page.Content, 'name="return_to" value="([^"]*)"').Groups[1].Value)
            $null = Invoke-WebRequest -Uri ($emu.BaseUri + 'users/sign_in') -Method Post -WebSession $session @common -Body @{
                'user[email]' = 'owner@emulator.igtimi.test'; 'user[password]' = 'owner-pass'
                authenticity_token = $token; return_to = $returnTo; utf8 = '✓'
            }
            $approval = Invoke-WebRequest -Uri $url -WebSession $session @common
            $fields = @{ commit = 'Authorize' }
            $approveForm = [regex]::Match($approval.Content, '<form[^>]*action="/oauth/authorize"[^>]*>(.*?)</form>', 'Singleline').Groups[1].Value
            foreach ($m in [regex]::Matches($approveForm, '<input type="hidden" name="([^"]*)" value="([^"]*)"')) {
                $fields[$m.Groups[1].Value] = [System.Net.WebUtility]::HtmlDecode($m.Groups[2].Value)
            }
            $decided = Invoke-WebRequest -Uri ($emu.BaseUri + 'oauth/authorize') -Method Post -Body $fields -WebSession $session @common
            $decided.StatusCode | Should -Be 302
            $child.StandardInput.WriteLine((& $Paste ([string]$decided.Headers.Location[0])))
            $child.StandardInput.Close()
            $rest = $child.StandardOutput.ReadToEnd()
            $child.WaitForExit(60000) | Should -BeTrue
            "$rest`n$($stderr.Result)"
        }
        finally {
            if (-not $child.HasExited) { $child.Kill($true) }
            $child.Dispose()
        }
    }
}

AfterAll {
    Remove-Item Env:BROWSER, Env:IGTIMIPS_TEST_BROWSER_LOG, Env:IGTIMIPS_TEST_BROWSER_USER, Env:IGTIMIPS_TEST_BROWSER_DECISION,
        Env:IGTIMIPS_TEST_BROWSER_STATE -ErrorAction Ignore
    . "$PSScriptRoot/EmulatorTestTeardown.ps1"
}

Describe 'Connect-Igtimi' {
    AfterEach { Disconnect-All }

    Context 'password grant' {
        It 'signs in, writes nothing, and makes the connection current' {
            $output = Connect-Igtimi -BaseUri $emu.BaseUri -Credential (Get-IgtimiTestCredential owner) -ClientId $secrets.ClientId -ClientSecret $secrets.ClientSecret
            $output | Should -BeNullOrEmpty
            $connection = Get-IgtimiConnection
            $connection.User.Email | Should -Be 'owner@emulator.igtimi.test'
            $connection.AuthenticationMethod | Should -Be 'Password'
            $connection.BaseUri | Should -Be $emu.BaseUri
            $connection.ClientId | Should -Be $secrets.ClientId
        }

        It 'returns the connection with -PassThru' {
            $connection = Connect-Igtimi -BaseUri $emu.BaseUri -Credential (Get-IgtimiTestCredential coach) -ClientId $secrets.ClientId -ClientSecret $secrets.ClientSecret -PassThru
            $connection | Should -BeOfType ([Igtimi.Client.IgtimiConnection])
            $connection.User.FirstName | Should -Be 'Charlie'
        }

        It 'stops with IgtimiAuthenticationFailed on a wrong password' {
            $wrong = [pscredential]::new('owner@emulator.igtimi.test', (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
            $err = { Connect-Igtimi -BaseUri $emu.BaseUri -Credential $wrong -ClientId $secrets.ClientId -ClientSecret $secrets.ClientSecret } |
                Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiAuthenticationFailed,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match 'invalid_grant'
            "$err $($err.ErrorDetails)" | Should -Not -Match 'not-the-password'
            Get-IgtimiConnection | Should -BeNullOrEmpty
        }

        It 'stops with IgtimiAuthenticationFailed on a wrong client secret' {
            $err = { Connect-Igtimi -BaseUri $emu.BaseUri -Credential (Get-IgtimiTestCredential) -ClientId $secrets.ClientId -ClientSecret ('0' * 64) } |
                Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiAuthenticationFailed,*'
            $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $err.Exception.Message | Should -Match 'invalid_client'
        }
    }

    Context 'access token' {
        It 'takes a plain string and verifies it by reading the account' {
            Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.outsider
            (Get-IgtimiConnection).User.Email | Should -Be 'outsider@emulator.igtimi.test'
            (Get-IgtimiConnection).AuthenticationMethod | Should -Be 'AccessToken'
        }

        It 'takes a SecureString' {
            $secure = ConvertTo-SecureString $secrets.Tokens.owner -AsPlainText -Force
            $connection = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secure -PassThru
            $connection.User.Email | Should -Be 'owner@emulator.igtimi.test'
        }

        It 'stops with an authentication error on an unknown token' {
            $err = { Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken ('f' * 64) } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiAuthenticationFailed,*'
            $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        }

        It 'never shows the token: not in the object, ToString, verbose, debug or errors' {
            $token = $secrets.Tokens.owner
            $streams = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $token -PassThru -Verbose -Debug 4>&1 5>&1 6>&1 *>&1 | Out-String
            $streams | Should -Not -Match $token
            $streams | Should -Match 'GET .*api/v1/account'
            $connection = Get-IgtimiConnection
            ($connection | Format-List * -Force | Out-String) | Should -Not -Match $token
            ($connection | ConvertTo-Json -Depth 4 -WarningAction Ignore) | Should -Not -Match $token
            "$connection" | Should -Not -Match $token

            $err = { $DebugPreference = 'Continue'; Invoke-IgtimiApi -Path 'users/999999' -Query @{ access_token = $token } -ErrorAction Stop 5>$null } | Should -Throw -PassThru
            "$err $($err.ErrorDetails) $($err.Exception.RequestUri) $($err.Exception.ResponseBody)" | Should -Not -Match $token
        }
    }

    Context 'environment' {
        AfterEach {
            Remove-Item Env:IGTIMI_ACCESS_TOKEN, Env:IGTIMI_BASE_URI, Env:IGTIMI_CLIENT_ID, Env:IGTIMI_CLIENT_SECRET, Env:IGTIMI_USERNAME, Env:IGTIMI_PASSWORD -ErrorAction Ignore
        }

        It 'uses IGTIMI_ACCESS_TOKEN and IGTIMI_BASE_URI when nothing is given' {
            $env:IGTIMI_ACCESS_TOKEN = $secrets.Tokens.coach
            $env:IGTIMI_BASE_URI = $emu.BaseUri
            Connect-Igtimi
            (Get-IgtimiConnection).User.Email | Should -Be 'coach@emulator.igtimi.test'
            (Get-IgtimiConnection).AuthenticationMethod | Should -Be 'Environment'
        }

        It 'uses the password grant from IGTIMI_CLIENT_ID, IGTIMI_USERNAME and IGTIMI_PASSWORD' {
            $env:IGTIMI_BASE_URI = $emu.BaseUri
            $env:IGTIMI_CLIENT_ID = $secrets.ClientId
            $env:IGTIMI_CLIENT_SECRET = $secrets.ClientSecret
            $env:IGTIMI_USERNAME = 'owner@emulator.igtimi.test'
            $env:IGTIMI_PASSWORD = 'owner-pass'
            Connect-Igtimi
            (Get-IgtimiConnection).User.Email | Should -Be 'owner@emulator.igtimi.test'
            (Get-IgtimiConnection).AuthenticationMethod | Should -Be 'Password'
        }

        It 'names the variables when the environment has no sign-in' {
            $err = { Connect-Igtimi -BaseUri $emu.BaseUri } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiEnvironmentIncomplete,*'
            $err.Exception.Message | Should -Match 'IGTIMI_ACCESS_TOKEN'
        }
    }

    Context 'unreachable or bad server' {
        It 'mentions the January 2025 shutdown and -BaseUri when the host does not answer' {
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
            $err = { Connect-Igtimi -BaseUri "http://127.0.0.1:$port/" -AccessToken $secrets.Tokens.owner } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiServerUnreachable,*'
            $err.CategoryInfo.Category | Should -Be 'ConnectionError'
            $err.Exception.Message | Should -Match 'January 2025'
            $err.Exception.Message | Should -Match '-BaseUri'
            $err.Exception.Message | Should -Not -Match $secrets.Tokens.owner
        }

        It 'refuses a base URI that is not http or https before sending anything' {
            $err = { Connect-Igtimi -BaseUri 'ftp://example.org/' -AccessToken $secrets.Tokens.owner } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiInvalidBaseUri,*'
        }
    }

    Context 'authorization code grant (the test plays the browser)' {
        AfterEach { Remove-Item Env:BROWSER -ErrorAction Ignore }

        It 'signs in through a loopback redirect on a random port' {
            Set-TestBrowser -User 'coach'
            $connection = Connect-Igtimi -BaseUri $emu.BaseUri -ClientId $secrets.ClientId -ClientSecret $secrets.ClientSecret -RedirectUri 'http://127.0.0.1/callback' -PassThru
            $connection.User.Email | Should -Be 'coach@emulator.igtimi.test'
            $connection.AuthenticationMethod | Should -Be 'AuthorizationCode'
            Get-Content $browserLog | Should -Contain 'done'
            (Get-Content $browserLog)[1] | Should -Match '^redirected to http://127\.0\.0\.1:\d+/callback$'
        }

        It 'sends a PKCE S256 challenge, which the emulator checks against the verifier of the token request' {
            Set-TestBrowser
            $connection = Connect-Igtimi -BaseUri $emu.BaseUri -ClientId $secrets.ClientId -ClientSecret $secrets.ClientSecret `
                -RedirectUri 'http://127.0.0.1/callback' -PassThru
            # The code is bound to the challenge, so the sign-in succeeding proves the token request sent the matching verifier.
            Get-Content $browserLog | Should -Contain 'pkce method=S256 challenge_length=43'
            $connection.AuthenticationMethod | Should -Be 'AuthorizationCode'
        }

        It 'reports a denied sign-in as IgtimiSignInDenied, a security error' {
            Set-TestBrowser -Decision 'Deny'
            $err = { Connect-Igtimi -BaseUri $emu.BaseUri -ClientId $secrets.ClientId -ClientSecret $secrets.ClientSecret -RedirectUri 'http://127.0.0.1/callback' } |
                Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiSignInDenied,*'
            $err.CategoryInfo.Category | Should -Be 'SecurityError'
            $err.Exception.Message | Should -Match 'access_denied'
            $err.ErrorDetails.RecommendedAction | Should -Match 'Authorize'
            Get-IgtimiConnection | Should -BeNullOrEmpty
        }

        It 'refuses a redirect with another state as IgtimiSignInStateMismatch, a security error' {
            Set-TestBrowser -ForgeState 'planted0123456789abcdef012345678'
            $err = { Connect-Igtimi -BaseUri $emu.BaseUri -ClientId $secrets.ClientId -ClientSecret $secrets.ClientSecret `
                    -RedirectUri 'http://127.0.0.1/callback' } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiSignInStateMismatch,*'
            $err.CategoryInfo.Category | Should -Be 'SecurityError'
            $err.Exception.Message | Should -Match "different 'state'"
            Get-IgtimiConnection | Should -BeNullOrEmpty
        }

        It 'with -NoBrowser refuses a pasted address without the state it sent (<Case>)' -ForEach @(
            @{ Case = 'state removed'; Edit = { param($u) $u -replace '&state=[^&]*', '' } }
            @{ Case = 'another state'; Edit = { param($u) $u -replace 'state=[^&]*', 'state=0123456789abcdef0123456789abcdef' } }
            @{ Case = 'only the code'; Edit = { param($u) [regex]::Match($u, 'code=([^&]+)').Groups[1].Value } }
        ) {
            $output = Invoke-PastedSignIn $Edit
            $output | Should -Match 'ERROR=IgtimiSignInStateMismatch,[^|]*\|SecurityError\|'
            $output | Should -Not -Match 'USER='
        }

        It 'with -NoBrowser takes the pasted address with its state' {
            $output = Invoke-PastedSignIn { param($u) $u }
            $output | Should -Match 'USER=owner@emulator\.igtimi\.test'
        }

        It 'with -NoBrowser prints the URL and reads the pasted code (out-of-band page)' {
            $script = @"
Import-Module '$((Get-IgtimiTestPaths).Manifest)'
Connect-Igtimi -BaseUri '$($emu.BaseUri)' -ClientId '$($secrets.ClientId)' -ClientSecret '$($secrets.ClientSecret)' -NoBrowser
'USER=' + (Get-IgtimiAccount).Email
"@
            $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh.FilePath)
            foreach ($a in $pwsh.Arguments + @('-NoProfile', '-Command', $script)) { $psi.ArgumentList.Add($a) }
            $psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true
            $psi.UseShellExecute = $false
            $child = [System.Diagnostics.Process]::Start($psi)
            try {
                $stderr = $child.StandardError.ReadToEndAsync()
                $url = $null
                $seen = [System.Collections.Generic.List[string]]::new()
                while ($null -ne ($line = $child.StandardOutput.ReadLine())) {
                    $seen.Add($line)
                    if ($line -match 'Sign-in URL: (\S+)') { $url = $Matches[1]; break }
                }
                $url | Should -Not -BeNullOrEmpty -Because ($seen -join "`n")
                $url | Should -Match 'redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2\.0%3Aoob'

                # Play the browser: sign in, approve, read the code off the out-of-band page.
                $session = $null
                $page = Invoke-WebRequest -Uri $url -SessionVariable session -NoProxy
                $token = [regex]::Match($page.Content, 'name="authenticity_token" value="([^"]*)"').Groups[1].Value
                $returnTo = [System.Net.WebUtility]::HtmlDecode([regex]::Match($page.Content, 'name="return_to" value="([^"]*)"').Groups[1].Value)
                $null = Invoke-WebRequest -Uri ($emu.BaseUri + 'users/sign_in') -Method Post -WebSession $session -NoProxy -MaximumRedirection 0 -SkipHttpErrorCheck -ErrorAction Ignore -Body @{
                    'user[email]' = 'owner@emulator.igtimi.test'; 'user[password]' = 'owner-pass'; authenticity_token = $token; return_to = $returnTo; utf8 = '✓' }
                $approval = Invoke-WebRequest -Uri $url -WebSession $session -NoProxy
                $fields = @{ commit = 'Authorize' }
                $approveForm = [regex]::Match($approval.Content, '<form[^>]*action="/oauth/authorize"[^>]*>(.*?)</form>', 'Singleline').Groups[1].Value
                foreach ($m in [regex]::Matches($approveForm, '<input type="hidden" name="([^"]*)" value="([^"]*)"')) {
                    $fields[$m.Groups[1].Value] = [System.Net.WebUtility]::HtmlDecode($m.Groups[2].Value)
                }
                $oob = Invoke-WebRequest -Uri ($emu.BaseUri + 'oauth/authorize') -Method Post -Body $fields -WebSession $session -NoProxy
                $oob.Content | Should -Match 'Authorization code:'
                $code = [regex]::Match($oob.Content, '<code id="authorization_code">([^<]+)</code>').Groups[1].Value

                $child.StandardInput.WriteLine($code)
                $child.StandardInput.Close()
                $rest = $child.StandardOutput.ReadToEnd()
                $child.WaitForExit(60000) | Should -BeTrue
                $rest | Should -Match 'USER=owner@emulator\.igtimi\.test' -Because $stderr.Result
            }
            finally {
                if (-not $child.HasExited) { $child.Kill($true) }
                $child.Dispose()
            }
        }
    }

    Context 'implicit (token) grant' {
        AfterEach { Remove-Item Env:BROWSER -ErrorAction Ignore }

        It 'captures the token from the redirect fragment on a loopback listener' {
            Set-TestBrowser -User 'outsider'
            $connection = Connect-Igtimi -BaseUri $emu.BaseUri -ClientId $secrets.ClientId -Implicit -RedirectUri 'http://localhost/callback' -PassThru
            $connection.User.Email | Should -Be 'outsider@emulator.igtimi.test'
            $connection.AuthenticationMethod | Should -Be 'Implicit'
        }
    }
}
