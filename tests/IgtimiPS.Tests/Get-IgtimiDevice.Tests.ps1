BeforeAll { . "$PSScriptRoot/WorldTestSetup.ps1" }
AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Get-IgtimiDevice' {
    It 'lists the fleet for the owner: 12 YachtBots, 3 WindBots and the shared coach boat' {
        $devices = Get-IgtimiDevice
        $devices | Should -BeOfType ([Igtimi.Client.Models.IgtimiDevice])
        @($devices | Where-Object Name -like 'YB-*').Count | Should -Be 12
        @($devices | Where-Object Name -like 'WB-*').Count | Should -Be 3
        $devices.Name | Should -Contain 'Coach RIB'
        $devices[0].SerialNumber | Should -Match '^[A-Z]{2}-[A-Z]{2}-[A-Z]{4}$'
        $devices[0].Id | Should -BeOfType ([long])
    }

    It 'shows the outsider only the YachtBots, read-only' {
        $seen = Get-IgtimiDevice -Connection $outsider
        @($seen).Count | Should -Be 12
        $seen.Name | Should -Not -Contain 'WB-1'
        $seen.Permissions.Modify | Should -Not -Contain $true
    }

    It 'filters by serial with POST and _method=GET, and reports serials it cannot see' {
        $all = Get-IgtimiDevice
        $wanted = ($all | Where-Object Name -in 'YB-3', 'WB-2').SerialNumber
        $emu | Clear-IgtimiEmulatorRequest
        $found = Get-IgtimiDevice -SerialNumber $wanted
        ($found.Name | Sort-Object) | Should -Be @('WB-2', 'YB-3')
        @($emu | Get-IgtimiEmulatorRequest | Where-Object path -eq '/api/v1/devices').method | Should -Be @('POST')

        $windBot = ($all | Where-Object Name -eq 'WB-2').SerialNumber
        # Asked for by serial, a device without rights shows its public information with read:false (igtimi-api-2013.md section 3.8).
        $result = Get-IgtimiDevice -SerialNumber $windBot -Connection $outsider -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing | Should -BeNullOrEmpty
        $result.SerialNumber | Should -Be $windBot
        $result.Permissions.Read | Should -BeFalse
        $result.OwnerId | Should -BeNullOrEmpty

        $unknown = Get-IgtimiDevice -SerialNumber 'ZZ-ZZ-ZZZZ' -Connection $outsider -ErrorVariable missing -ErrorAction SilentlyContinue
        $unknown | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiObjectNotFound,*'
        $missing[0].TargetObject | Should -Be 'ZZ-ZZ-ZZZZ'
    }

    It 'takes serial numbers from the pipeline' {
        $serials = (Get-IgtimiDevice | Where-Object Name -like 'YB-1*').SerialNumber
        @($serials | Get-IgtimiDevice).Count | Should -Be $serials.Count
    }

    It 'completes -SerialNumber from the connection''s devices' {
        $serial = (Get-IgtimiDevice | Where-Object Name -eq 'YB-7').SerialNumber
        $line = "Get-IgtimiDevice -SerialNumber $($serial.Substring(0, 4))"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $completions.CompletionText | Should -Contain $serial
        $completions.CompletionText | ForEach-Object { $_ | Should -BeLike "$($serial.Substring(0, 4))*" }
    }

    It 'offers nothing, and fails nothing, when not connected' {
        # Connections belong to the process, so a fresh process is the way to be 'not connected'.
        $line = 'Get-IgtimiDevice -SerialNumber '
        $child = Invoke-IgtimiTestPwsh "Import-Module '$((Get-IgtimiTestPaths).Manifest)'; (TabExpansion2 -inputScript '$line' -cursorColumn $($line.Length)).CompletionMatches | Where-Object ResultType -eq 'ParameterValue' | Measure-Object | ForEach-Object Count"
        $child.ExitCode | Should -Be 0
        $child.Output[-1] | Should -Be '0'
    }

    It 'shows a table with serial number and name' {
        Get-IgtimiDevice | Out-String -Width 250 | Should -Match 'SerialNumber\s+Name\s+Id'
    }
}
