BeforeAll {
    . "$PSScriptRoot/EmulatorTestSetup.ps1"
    $script:echo = $emu.BaseUri + '_emulator/echo'
    Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner

    function Get-Pairs($reply, [string] $Part) { @($reply.$Part | ForEach-Object { '{0}={1}' -f $_[0], $_[1] }) }
}

AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Invoke-IgtimiApi' {
    Context 'paths and output types' {
        It 'reads a path under api/v1 as PSCustomObjects' {
            $reply = Invoke-IgtimiApi -Path account
            $reply.user.email | Should -Be 'owner@emulator.igtimi.test'
            $reply.user.id | Should -BeOfType ([long])
            $reply.user | Should -BeOfType ([pscustomobject])
        }

        It 'accepts a leading slash and the path from the pipeline' {
            ('/account', 'users' | Invoke-IgtimiApi).Count | Should -Be 2
        }

        It 'returns hashtables with -OutputType Hashtable' {
            $reply = Invoke-IgtimiApi -Path users -OutputType Hashtable
            $reply | Should -BeOfType ([hashtable])
            $reply['users'][0]['user']['email'] | Should -Be 'owner@emulator.igtimi.test'
        }

        It 'returns the JSON text with -OutputType Json' {
            $json = Invoke-IgtimiApi -Path account -OutputType Json
            $json | Should -BeOfType ([string])
            ($json | ConvertFrom-Json).user.first_name | Should -Be 'Olivia'
        }

        It 'returns the body untouched with -OutputType Raw' {
            $raw = Invoke-IgtimiApi -Path account -OutputType Raw
            $raw | Should -BeOfType ([string])
            $raw | Should -Match '^\{"user":'
        }

        It 'writes the body to -OutFile and nothing to the pipeline' {
            $file = Join-Path $TestDrive 'account.json'
            $output = Invoke-IgtimiApi -Path account -OutFile $file
            $output | Should -BeNullOrEmpty
            (Get-Content $file -Raw | ConvertFrom-Json).user.surname | Should -Be 'Owner'
            Test-Path "$file.partial" | Should -BeFalse
        }

        It 'sets -StatusCodeVariable and -ResponseHeadersVariable' {
            $null = Invoke-IgtimiApi -Path account -StatusCodeVariable status -ResponseHeadersVariable headers
            $status | Should -Be 200
            $headers['Content-Type'] | Should -Match 'application/json'
        }
    }

    Context 'encoding' {
        It 'turns arrays into name[] and nested hashtables into name[key]' {
            $query = [ordered]@{ serial_numbers = @('GA-DK-AAAD', 'DD-EE-AAGA'); types = [ordered]@{ 1 = 0.00009; 2 = 0 }; public = $true }
            $reply = Invoke-IgtimiApi -Uri $echo -Query $query
            $reply.method | Should -Be 'GET'
            Get-Pairs $reply query | Should -Be @('serial_numbers[]=GA-DK-AAAD', 'serial_numbers[]=DD-EE-AAGA', 'types[1]=9E-05', 'types[2]=0', 'public=true')
        }

        It 'sends times as JS milliseconds' {
            $reply = Invoke-IgtimiApi -Uri $echo -Query @{ start_time = [DateTimeOffset]::new(2015, 10, 3, 0, 30, 4, [TimeSpan]::Zero) }
            Get-Pairs $reply query | Should -Be @('start_time=1443832204000')
        }

        It 'sends a long query as POST with _method=GET in the form body' {
            $serials = 1..300 | ForEach-Object { 'GA-DK-{0:D4}' -f $_ }
            $reply = Invoke-IgtimiApi -Uri $echo -Query @{ serial_numbers = $serials }
            $reply.method | Should -Be 'POST'
            $reply.content_type | Should -Match 'application/x-www-form-urlencoded'
            $form = Get-Pairs $reply form
            $form[0] | Should -Be '_method=GET'
            $form.Count | Should -Be 301
            $form[-1] | Should -Be 'serial_numbers[]=GA-DK-0300'
        }

        It 'form-encodes a hashtable body and serializes an object body as JSON' {
            $form = Invoke-IgtimiApi -Uri $echo -Method Post -Body @{ name = 'Race 1'; serial_numbers = @('A', 'B') }
            $form.content_type | Should -Match 'application/x-www-form-urlencoded'
            Get-Pairs $form form | Should -Contain 'serial_numbers[]=B'

            $json = Invoke-IgtimiApi -Uri $echo -Method Post -Body ([pscustomobject]@{ name = 'Race 1'; start_time = 5 })
            $json.content_type | Should -Match 'application/json'
            ($json.body | ConvertFrom-Json).name | Should -Be 'Race 1'
        }

        It 'sends the token as a Bearer header and never prints it in -Verbose or -Debug' {
            $streams = Invoke-IgtimiApi -Uri $echo -Verbose -Debug *>&1 | Out-String
            $streams | Should -Match 'GET .*_emulator/echo'
            $streams | Should -Not -Match $secrets.Tokens.owner
            (Invoke-IgtimiApi -Uri $echo).headers.authorization | Should -Be '<redacted>'
        }
    }

    Context 'content types and completion' {
        It 'sends a string body with the given -ContentType' {
            $reply = Invoke-IgtimiApi -Uri $echo -Method Put -Body '<log/>' -ContentType 'application/xml'
            $reply.method | Should -Be 'PUT'
            $reply.content_type | Should -Be 'application/xml'
            $reply.body | Should -Be '<log/>'
        }

        It 'completes -Path with the API endpoints' {
            $line = 'Invoke-IgtimiApi -Path resources/d'
            $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
            $completions.CompletionText | Should -Be @('resources/data', 'resources/data/latest')
            $completions[0].ToolTip | Should -Match 'types\[code\]'
        }
    }

    Context 'ShouldProcess' {
        It 'sends nothing for a POST with -WhatIf' {
            $emu | Clear-IgtimiEmulatorRequest
            $output = Invoke-IgtimiApi -Uri $echo -Method Post -Body @{ a = 1 } -WhatIf
            $output | Should -BeNullOrEmpty
            @($emu | Get-IgtimiEmulatorRequest | Where-Object path -like '*echo*') | Should -BeNullOrEmpty
        }

        It 'does not ask for a GET even with -Confirm' {
            (Invoke-IgtimiApi -Path account -Confirm).user.id | Should -BeGreaterThan 0
        }
    }

    Context 'errors and retry' {
        It 'writes a non-terminating ObjectNotFound error for a 404 and sets the status variable' {
            $result = Invoke-IgtimiApi -Path 'users/999999' -ErrorVariable failure -ErrorAction SilentlyContinue -StatusCodeVariable status
            $result | Should -BeNullOrEmpty
            $status | Should -Be 404
            $failure[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiApiRequestFailed,*'
            $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failure[0].Exception.ApiError | Should -Be 'not_found'
            $failure[0].Exception.StatusCode | Should -Be 'NotFound'
        }

        It 'maps 403 to PermissionDenied' {
            $coach = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.coach -PassThru
            $coachId = (Get-IgtimiAccount -Connection $coach).Id
            Disconnect-Igtimi -Connection $coach
            Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner
            $null = Invoke-IgtimiApi -Path "users/$coachId" -ErrorVariable failure -ErrorAction SilentlyContinue
            $failure[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        }

        It 'refuses an -Uri on another host before sending, so the token stays home' {
            $emu | Clear-IgtimiEmulatorRequest
            $null = Invoke-IgtimiApi -Uri 'https://elsewhere.example/api/v1/account' -ErrorVariable failure -ErrorAction SilentlyContinue
            $failure[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failure[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiUriNotOnConnectionServer,*'
            $failure[0].Exception.Message | Should -Match 'not on the connection'
            @($emu | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty
        }

        It 'retries 429 with Retry-After and 503 for a GET' {
            $emu | Clear-IgtimiEmulatorRequest
            $emu | Add-IgtimiEmulatorFault -Status 429 -Count 1 -RetryAfter 1 -PathPrefix '/api/v1/users'
            $emu | Add-IgtimiEmulatorFault -Status 503 -Count 1 -PathPrefix '/api/v1/users'
            $verbose = Invoke-IgtimiApi -Path users -Verbose 4>&1
            ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'retry 1 of'
            ($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).users.Count | Should -Be 1
            @($emu | Get-IgtimiEmulatorRequest | Where-Object path -eq '/api/v1/users').status | Should -Be @(429, 503, 200)
        }

        It 'does not retry a POST' {
            $emu | Clear-IgtimiEmulatorRequest
            $emu | Add-IgtimiEmulatorFault -Status 503 -Count 1 -PathPrefix '/_emulator/echo'
            $null = Invoke-IgtimiApi -Uri $echo -Method Post -Body @{ a = 1 } -ErrorVariable failure -ErrorAction SilentlyContinue
            $failure[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            @($emu | Get-IgtimiEmulatorRequest | Where-Object path -like '*echo*').Count | Should -Be 1
        }

        It 'refuses a query that the encoding cannot express' {
            $null = Invoke-IgtimiApi -Path users -Query @{ x = @(, @(1, 2)) } -ErrorVariable failure -ErrorAction SilentlyContinue
            $failure[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiInvalidQuery,*'
        }

        It 'stops at once on Ctrl+C (StopProcessing) during a slow request' {
            $ps = (New-ModulePowerShell).AddCommand('Invoke-IgtimiApi').AddParameter('Uri', "$($emu.BaseUri)_emulator/slow?ms=30000").AddParameter('Connection', (Get-IgtimiConnection))
            $async = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 1500
            Measure-PowerShellStop $ps | Should -BeLessThan 5
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $ps.Dispose()
        }
    }
}
