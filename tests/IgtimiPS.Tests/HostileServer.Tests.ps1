# Hostile servers and bad input, as a user meets them: every case is an ErrorRecord of the module's own
# (ErrorId, category, a message that says what happened) or a warning, never a raw .NET exception; the
# token goes to no host but the connection's; nothing hangs.

BeforeAll {
    . "$PSScriptRoot/EmulatorTestSetup.ps1" -EmulatorArgs '--anchor-date', '2025-06-15'
    # A second server standing for "another host": nothing may reach it.
    $script:other = Start-IgtimiTestEmulator
    $script:connection = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner -TimeoutSec 3 -PassThru
    $script:serial = (Get-IgtimiDevice | Where-Object Name -eq 'YB-1').SerialNumber
    $script:day = [DateTimeOffset]::new(2025, 6, 15, 11, 0, 0, [TimeSpan]::Zero)

    function Invoke-Captured([scriptblock] $Command) {
        # The error records a command writes, terminating or not, and how long it took.
        $errors = @()
        $watch = [Diagnostics.Stopwatch]::StartNew()
        try { $null = & $Command -ErrorVariable +errors -ErrorAction SilentlyContinue }
        catch { $errors += $_ }
        [pscustomobject]@{ Errors = @($errors); Seconds = $watch.Elapsed.TotalSeconds }
    }

    function Assert-ModuleError($Record, [string] $ErrorId, [string] $Category) {
        $Record | Should -Not -BeNullOrEmpty
        $Record.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $Record.CategoryInfo.Category | Should -Be $Category
        $Record.Exception.GetType().FullName | Should -Not -BeIn @('System.FormatException', 'System.NotSupportedException',
            'System.UriFormatException', 'System.InvalidOperationException', 'System.ArgumentOutOfRangeException', 'System.IO.InvalidDataException')
        $Record.Exception.Message | Should -Not -Match "`r|`n"
    }
}

AfterAll {
    . "$PSScriptRoot/EmulatorTestTeardown.ps1"
    Stop-IgtimiTestEmulator $script:other
}

Describe 'The token never leaves its server' {
    It 'refuses -Path <Name> before any request, and the other host hears nothing' -ForEach @(
        @{ Name = 'with a no-break space before http://'; Prefix = [string][char]0xA0 + 'http://' }
        @{ Name = 'with an ideographic space before http://'; Prefix = [string][char]0x3000 + 'http://' }
        @{ Name = 'that is scheme-relative'; Prefix = '//' }
        @{ Name = 'that is absolute'; Prefix = 'http://' }
    ) {
        $other | Clear-IgtimiEmulatorRequest
        $emu | Clear-IgtimiEmulatorRequest
        $target = $Prefix + ([uri]$other.BaseUri).Authority + '/api/v1/account'
        $r = Invoke-Captured { Invoke-IgtimiApi -Path $target }
        Assert-ModuleError $r.Errors[0] 'IgtimiInvalidUri' 'InvalidArgument'
        @($other | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty
        @($emu | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty
    }

    It 'refuses -Path <Path> with a clear error' -ForEach @(
        @{ Path = 'ftp://127.0.0.1/x' }
        @{ Path = 'file:///etc/passwd' }
        @{ Path = '\\127.0.0.1:445\x' }
        @{ Path = '../../oauth/token' }
        @{ Path = 'devices/%2e%2e/%2e%2e/oauth/token' }
    ) {
        $r = Invoke-Captured { Invoke-IgtimiApi -Path $Path }
        Assert-ModuleError $r.Errors[0] 'IgtimiInvalidUri' 'InvalidArgument'
    }

    It 'refuses a -ContentType with a line break (no header injection)' {
        $emu | Clear-IgtimiEmulatorRequest
        $r = Invoke-Captured { Invoke-IgtimiApi -Uri "$($emu.BaseUri)_emulator/echo" -Method Post -Body 'x' -ContentType "text/plain`r`nX-Injected: yes" }
        Assert-ModuleError $r.Errors[0] 'IgtimiInvalidParameter' 'InvalidArgument'
        @($emu | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty
    }

    It 'refuses a token with a line break or a non-ASCII character before sending it' {
        $r = Invoke-Captured { Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken "abc`r`ndef" }
        Assert-ModuleError $r.Errors[0] 'IgtimiSignInFailed' 'InvalidArgument'
        $r.Errors[0].Exception.Message | Should -Not -Match 'abc'
        $r = Invoke-Captured { Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken ('t' + [char]0xF6 + 'ken') }
        Assert-ModuleError $r.Errors[0] 'IgtimiSignInFailed' 'InvalidArgument'
    }

    It 'refuses a megabyte -AccessToken with its length' {
        $r = Invoke-Captured { Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken ('a' * 1MB) }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $r.Errors[0].Exception.Message | Should -Match '1,048,576 characters'
    }

    It 'does not follow a redirect, and says where it pointed' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode redirect -Location "$($other.BaseUri)api/v1/account" -PathPrefix '/api/v1/account'
        $other | Clear-IgtimiEmulatorRequest
        $r = Invoke-Captured { Invoke-IgtimiApi -Path account }
        Assert-ModuleError $r.Errors[0] 'IgtimiInvalidResponse' 'ProtocolError'
        $r.Errors[0].Exception.Message | Should -Match 'not followed'
        @($other | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty
    }
}

Describe 'Nothing hangs' {
    It 'stops Connect-Igtimi at -TimeoutSec when the account body never ends' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode endless-body -PathPrefix '/api/v1/account'
        $r = Invoke-Captured { Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner -TimeoutSec 2 }
        Assert-ModuleError $r.Errors[0] 'IgtimiRequestTimedOut' 'OperationTimeout'
        $r.Seconds | Should -BeLessThan 6
    }

    It 'stops the password grant at -TimeoutSec when the token body never ends' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode endless-body -PathPrefix '/oauth/token'
        $r = Invoke-Captured { Connect-Igtimi -BaseUri $emu.BaseUri -Credential (Get-IgtimiTestCredential owner) -ClientId $secrets.ClientId -ClientSecret $secrets.ClientSecret -TimeoutSec 2 }
        Assert-ModuleError $r.Errors[0] 'IgtimiRequestTimedOut' 'OperationTimeout'
        $r.Seconds | Should -BeLessThan 6
    }

    It 'stops Get-IgtimiDevice at the connection''s deadline when the body never ends' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode endless-body -PathPrefix '/api/v1/devices'
        $r = Invoke-Captured { Get-IgtimiDevice -Connection $connection }
        Assert-ModuleError $r.Errors[0] 'IgtimiRequestTimedOut' 'OperationTimeout'
        $r.Seconds | Should -BeLessThan 7
    }

    It 'stops Invoke-IgtimiApi -OutFile at the deadline and leaves no file' {
        $file = Join-Path $TestDrive 'endless.json'
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode endless-body -PathPrefix '/api/v1/account'
        $r = Invoke-Captured { Invoke-IgtimiApi -Path account -OutFile $file -Connection $connection }
        Assert-ModuleError $r.Errors[0] 'IgtimiRequestTimedOut' 'OperationTimeout'
        Get-ChildItem $TestDrive -Filter 'endless.json*' | Should -BeNullOrEmpty
    }

    It 'stops on Ctrl+C within a second while a 500 error body never ends' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode endless-error-body -PathPrefix '/api/v1/users'
        $slow = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner -TimeoutSec 600 -PassThru
        $ps = (New-ModulePowerShell).AddCommand('Invoke-IgtimiApi').AddParameter('Path', 'users').AddParameter('Connection', $slow)
        $async = $ps.BeginInvoke()
        Start-Sleep -Milliseconds 1500
        Measure-PowerShellStop $ps | Should -BeLessThan 1.5
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        Disconnect-Igtimi -Connection $slow
        # Connect-Igtimi made $slow current; the tests below use the first connection again.
        $script:connection = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner -TimeoutSec 3 -PassThru
    }

    It 'refuses an absurd -Start/-End before any request, saying where the limit is' {
        $emu | Clear-IgtimiEmulatorRequest
        $r = Invoke-Captured { Get-IgtimiData -SerialNumber $serial -Start ([datetimeoffset]::MinValue) -End ([datetimeoffset]::MaxValue) }
        Assert-ModuleError $r.Errors[0] 'IgtimiInvalidParameter' 'InvalidArgument'
        $r.Errors[0].Exception.Message | Should -Match '1970'
        $r = Invoke-Captured { Get-IgtimiData -SerialNumber (1..30 | ForEach-Object { "GA-DK-{0:D4}" -f $_ }) -Start '1971-01-01' -End '2099-01-01' }
        Assert-ModuleError $r.Errors[0] 'IgtimiInvalidParameter' 'InvalidArgument'
        $r.Errors[0].Exception.Message | Should -Match '10,000'
        @($emu | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty
    }

    It 'refuses -SilenceLimit [timespan]::MaxValue with a clear error' {
        $r = Invoke-Captured { Watch-IgtimiLiveData -SerialNumber $serial -SilenceLimit ([timespan]::MaxValue) -Duration 00:00:01 }
        Assert-ModuleError $r.Errors[0] 'IgtimiInvalidParameter' 'InvalidArgument'
    }
}

Describe 'Every malformed answer is an error of the module''s own' {
    It 'names <Mode> data from Get-IgtimiData as IgtimiInvalidResponse with the endpoint and an excerpt' -ForEach @(
        @{ Mode = 'html'; Body = $null; Match = 'markup' }
        @{ Mode = 'truncated-json'; Body = $null; Match = 'ends before it is complete' }
        @{ Mode = 'body'; Body = 'null'; Match = 'not packed data' }
        @{ Mode = 'body'; Body = '{"S":{"1":{"t":[NaN]}}}'; Match = 'not packed data' }
        @{ Mode = 'empty'; Body = $null; Match = 'empty' }
    ) {
        $emu | Clear-IgtimiEmulatorRequest
        if ($Body) { $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode $Mode -Body $Body -PathPrefix '/api/v1/resources/data' }
        else { $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode $Mode -PathPrefix '/api/v1/resources/data' }
        $r = Invoke-Captured { Get-IgtimiData -SerialNumber $serial -Start $day -End $day.AddMinutes(5) -Type sog }
        Assert-ModuleError $r.Errors[0] 'IgtimiInvalidResponse' 'InvalidData'
        $r.Errors[0].Exception.Message | Should -Match $Match
        $r.Errors[0].Exception.Message | Should -Match 'resources/data'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'BaseUri'
        @($emu | Get-IgtimiEmulatorRequest | Where-Object path -like '/api/v1/resources/data*').Count | Should -Be 1
    }

    It 'keeps the error and the reason of a 200 {"error","reason"} from the data endpoint' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode body -Body '{"error":"span_too_long","reason":"one month at most"}' -PathPrefix '/api/v1/resources/data'
        $r = Invoke-Captured { Get-IgtimiData -SerialNumber $serial -Start $day -End $day.AddMinutes(5) -Type sog }
        Assert-ModuleError $r.Errors[0] 'IgtimiApiRequestFailed' 'InvalidOperation'
        $r.Errors[0].Exception.Message | Should -Match 'span_too_long'
        $r.Errors[0].Exception.Message | Should -Match 'one month at most'
    }

    It 'reads a 204 from resources/data as no data, once' {
        $emu | Clear-IgtimiEmulatorRequest
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode empty -Status 204 -PathPrefix '/api/v1/resources/data'
        $r = Invoke-Captured { Get-IgtimiData -SerialNumber $serial -Start $day -End $day.AddMinutes(5) -Type sog }
        $r.Errors | Should -BeNullOrEmpty
        @($emu | Get-IgtimiEmulatorRequest | Where-Object path -like '/api/v1/resources/data*').Count | Should -Be 1
    }

    It 'names an HTML page from Get-IgtimiDevice by its title' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode html -PathPrefix '/api/v1/devices'
        $r = Invoke-Captured { Get-IgtimiDevice }
        Assert-ModuleError $r.Errors[0] 'IgtimiInvalidResponse' 'InvalidData'
        $r.Errors[0].Exception.Message | Should -Match 'Service Unavailable'
    }

    It 'reports a token endpoint that answers HTML as an invalid response, not an unreachable server' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode html -PathPrefix '/oauth/token'
        $r = Invoke-Captured { Connect-Igtimi -BaseUri $emu.BaseUri -Credential (Get-IgtimiTestCredential owner) -ClientId $secrets.ClientId -ClientSecret $secrets.ClientSecret }
        Assert-ModuleError $r.Errors[0] 'IgtimiInvalidResponse' 'InvalidData'
        $r.Errors[0].Exception.Message | Should -Not -Match 'closed on 6 January 2025'
    }

    It 'reports 100 KB of headers as a protocol violation, not an unreachable server' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode huge-header -PathPrefix '/api/v1/account'
        $r = Invoke-Captured { Get-IgtimiAccount }
        Assert-ModuleError $r.Errors[0] 'IgtimiInvalidResponse' 'ProtocolError'
    }

    It 'stops a gzip bomb at the size cap' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode gzip-bomb -PathPrefix '/api/v1/account'
        $before = [GC]::GetTotalMemory($false)
        $r = Invoke-Captured { Invoke-IgtimiApi -Path account }
        Assert-ModuleError $r.Errors[0] 'IgtimiInvalidResponse' 'InvalidData'
        $r.Errors[0].Exception.Message | Should -Match 'larger than'
        ([GC]::GetTotalMemory($true) - $before) | Should -BeLessThan 64MB
    }

    It 'gives an absurd session start time as IgtimiInvalidResponse' -ForEach @(
        @{ Value = '1e300' }
        @{ Value = '-1e15' }
    ) {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode body -Body ('{"sessions":[{"session":{"id":1,"name":"x","start_time":' + $Value + '}}]}') -PathPrefix '/api/v1/sessions'
        $r = Invoke-Captured { Get-IgtimiSession }
        Assert-ModuleError $r.Errors[0] 'IgtimiInvalidResponse' 'InvalidData'
    }

    It 'leaves out a latest datum with a numeric serial or an impossible time, with a warning' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode body -PathPrefix '/api/v1/resources/data/latest' -Body (
            '{"latest_data":[{"latest_datum":{"serial_number":42,"c1":1,"timestamp":1700000000000.0}},' +
            '{"latest_datum":{"serial_number":"B","c1":2,"timestamp":99999999999999999}},' +
            '{"latest_datum":{"serial_number":"' + $serial + '","c1":3,"timestamp":1700000000000.0}}]}')
        $points = Get-IgtimiLatestData -SerialNumber $serial -Type sog -WarningVariable warned -WarningAction SilentlyContinue
        @($points).Count | Should -Be 1
        $warned -join ' ' | Should -Match '2 latest value\(s\) were left out'
    }

    It 'gives latest data with invalid UTF-8 as IgtimiInvalidResponse' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode invalid-utf8 -PathPrefix '/api/v1/resources/data/latest'
        $r = Invoke-Captured { Get-IgtimiLatestData -SerialNumber $serial -Type sog }
        Assert-ModuleError $r.Errors[0] 'IgtimiInvalidResponse' 'InvalidData'
        $r.Errors[0].Exception.Message | Should -Match 'UTF-8'
    }

    It 'skips a number in the live server list with a warning' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode body -PathPrefix '/server_listers/web_sockets' -Body '{"web_socket_servers":[42,"ws://127.0.0.1:1/live_api"]}'
        $servers = Get-IgtimiLiveServer -WarningVariable warned -WarningAction SilentlyContinue
        @($servers).Count | Should -Be 1
        $warned -join ' ' | Should -Match 'not a ws:// or wss:// address'
    }

    It 'leaves out samples with NaN or impossible times and says how many' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode body -PathPrefix '/api/v1/resources/data' -Body (
            '{"' + $serial + '":{"9":{"t":["NaN",99999999999999999,-5,1749985200000],"1":[1,2,3,4]},"999999999999":{"t":[1749985200000],"1":[5]}}}')
        $points = Get-IgtimiData -SerialNumber $serial -Start $day -End $day.AddMinutes(5) -Type sog -WarningVariable warned -WarningAction SilentlyContinue
        @($points).Count | Should -Be 1
        $points[0].Timestamp | Should -Be ([DateTimeOffset]::FromUnixTimeMilliseconds(1749985200000))
        $text = $warned -join ' '
        $text | Should -Match '1 of 4 samples have no time'
        $text | Should -Match '2 of 4 samples have impossible times'
        $text | Should -Match '999999999999'
    }
}

Describe 'Errors say what really happened' {
    It 'refuses an -OutFile that is a folder before sending the request' {
        $emu | Clear-IgtimiEmulatorRequest
        $r = Invoke-Captured { Invoke-IgtimiApi -Path account -OutFile $TestDrive }
        Assert-ModuleError $r.Errors[0] 'IgtimiOutFileFailed' 'InvalidArgument'
        @($emu | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty
    }

    It 'echoes a 100,000-character serial number in a few words only' {
        $r = Invoke-Captured { Get-IgtimiData -SerialNumber ('A' * 100000) -Start $day -End $day.AddMinutes(1) }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $r.Errors[0].Exception.Message.Length | Should -BeLessThan 400
        $r.Errors[0].Exception.Message | Should -Match 'at most 64'
    }

    It 'says a refused certificate is the certificate and points at -SkipCertificateCheck' {
        Add-Type -TypeDefinition @'
using System.Net; using System.Net.Security; using System.Net.Sockets; using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates; using System.Threading.Tasks;
public static class IgtimiTestTlsServer {
    public static int Start() {
        var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=impostor.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = X509CertificateLoader.LoadPkcs12(request.CreateSelfSigned(System.DateTimeOffset.UtcNow.AddDays(-1), System.DateTimeOffset.UtcNow.AddDays(1)).Export(X509ContentType.Pfx), null);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Task.Run(async () => {
            using var client = await listener.AcceptTcpClientAsync();
            using var tls = new SslStream(client.GetStream());
            try { await tls.AuthenticateAsServerAsync(certificate); } catch { }
            listener.Stop();
        });
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
'@
        $port = [IgtimiTestTlsServer]::Start()
        $r = Invoke-Captured { Connect-Igtimi -BaseUri "https://127.0.0.1:$port/" -AccessToken $secrets.Tokens.owner -TimeoutSec 5 }
        Assert-ModuleError $r.Errors[0] 'IgtimiCertificateRejected' 'SecurityError'
        $r.Errors[0].Exception.Message | Should -Match 'certificate'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'SkipCertificateCheck'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Not -Match 'closed on 6 January 2025'
    }
}

Describe 'The connection object' {
    It 'has no public HTTP internals, and a retry policy no script can reach' {
        $connection.PSObject.Properties.Name | Should -Not -Contain 'Http'
        $connection.PSObject.Properties.Name | Should -Not -Contain 'Options'
    }

    It 'converts to JSON and CLIXML at depth 10 small and fast' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $json = $connection | ConvertTo-Json -Depth 10 -WarningAction SilentlyContinue
        $file = Join-Path $TestDrive 'connection.xml'
        $connection | Export-Clixml -Path $file -Depth 10
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        $json.Length | Should -BeLessThan 20KB
        (Get-Item $file).Length | Should -BeLessThan 100KB
        $json | Should -Not -Match $secrets.Tokens.owner
        Get-Content $file -Raw | Should -Not -Match $secrets.Tokens.owner
    }
}

Describe 'Export-IgtimiData is never silently wrong' {
    It 'leaves an unrelated <path>.partial alone' {
        $path = Join-Path $TestDrive 'race.csv'
        Set-Content -LiteralPath "$path.partial" -Value 'not mine'
        Get-IgtimiData -SerialNumber $serial -Start $day -End $day.AddSeconds(10) -Type sog | Export-IgtimiData -Path $path
        Get-Content -LiteralPath "$path.partial" | Should -Be 'not mine'
        $path | Should -Exist
    }

    It 'warns when a GPX export gets no positions' {
        $path = Join-Path $TestDrive 'speeds.gpx'
        Get-IgtimiData -SerialNumber $serial -Start $day -End $day.AddSeconds(10) -Type sog |
            Export-IgtimiData -Path $path -WarningVariable warned -WarningAction SilentlyContinue
        $warned -join ' ' | Should -Match 'no track'
    }
}
