# Every kind of object the module returns, piped into every noun cmdlet: each either follows the object's
# real relation (checked in the emulator's request log, or in the objects that come back) or refuses the
# object with IgtimiPipelineInputNotSupported before any request. No object's own Id ever reaches another noun.
BeforeDiscovery {
    # Expect: 'refuse'; 'missing' (the object lacks the related value); 'path:<the one request>', 'plain:' the same but the server may
    # say not found; with {Property.Path} placeholders; 'serial:{...}' for the device cmdlets.
    $relations = [ordered]@{
        Device     = @{ User = 'path:users/{OwnerId}'; Group = 'path:groups/{DeviceUserGroupId}'; Session = 'refuse'; Log = 'refuse'
                        Serial = '{SerialNumber}' }
        Session    = @{ User = 'path:users/{OwnerId}'; Group = 'path:groups/{SessionGroupId}'; Session = 'path:sessions/{Id}'
                        Log = 'path:sessions/{Id}/logs'; Serial = 'refuse' }
        Group      = @{ User = 'refuse'; Group = 'path:groups/{Id}'; Session = 'refuse'; Log = 'refuse'; Serial = 'refuse' }
        User       = @{ User = 'path:users/{Id}'; Group = 'refuse'; Session = 'refuse'; Log = 'refuse'; Serial = 'refuse' }
        Resource   = @{ User = 'refuse'; Group = 'refuse'; Session = 'refuse'; Log = 'refuse'; Serial = '{DeviceSerialNumber}' }
        Window     = @{ User = 'path:users/{Recipient.User.Id}'; Group = 'missing'; Session = 'refuse'; Log = 'refuse'
                        Serial = '{DeviceSerialNumber}' }
        GroupWindow = @{ User = 'missing'; Group = 'path:groups/{Recipient.Group.Id}'; Session = 'refuse'; Log = 'refuse'
                         Serial = '{DeviceSerialNumber}' }
        DeviceLink = @{ User = 'refuse'; Group = 'refuse'; Session = 'path:sessions/{SessionId}'; Log = 'path:sessions/{SessionId}/logs'
                        Serial = '{SerialNumber}' }
        Metadata   = @{ User = 'refuse'; Group = 'refuse'; Session = 'path:sessions/{SessionId}'; Log = 'path:sessions/{SessionId}/logs'
                        Serial = 'missing' }
        Point      = @{ User = 'refuse'; Group = 'refuse'; Session = 'refuse'; Log = 'refuse'; Serial = '{SerialNumber}' }
        Connection = @{ User = 'path:users/{User.Id}'; Group = 'refuse'; Session = 'refuse'; Log = 'refuse'; Serial = 'refuse' }
        Selected   = @{ User = 'path:users/{OwnerId}'; Group = 'path:groups/{DeviceUserGroupId}'; Session = 'refuse'; Log = 'refuse'
                        Serial = '{SerialNumber}' }
        # A plain number is an id of whichever noun it is piped to (a group id read as a user id is simply not found).
        GroupNumber = @{ User = 'plain:users/{Value}'; Group = 'path:groups/{Value}'; Session = 'plain:sessions/{Value}'; Log = 'plain:sessions/{Value}/logs'
                         Serial = 'missing' }
    }
    $commands = [ordered]@{
        'Get-IgtimiUser' = 'User'; 'Get-IgtimiGroup' = 'Group'; 'Get-IgtimiSession' = 'Session'; 'Get-IgtimiSessionLog' = 'Log'
        'Get-IgtimiDevice' = 'Serial'; 'Get-IgtimiResource' = 'Serial'; 'Get-IgtimiDataAccessWindow' = 'Serial'; 'Get-IgtimiLatestData' = 'Serial'
        'Get-IgtimiData' = 'Serial'
    }
    $script:cases = foreach ($from in $relations.Keys) {
        foreach ($command in $commands.Keys) {
            @{ From = $from; Command = $command; Expect = $relations[$from][$commands[$command]] }
        }
    }
}

BeforeAll {
    . "$PSScriptRoot/WorldTestSetup.ps1"
    $devices = Get-IgtimiDevice
    $yb1 = $devices | Where-Object Name -eq 'YB-1'
    $race = Get-IgtimiSession | Where-Object Name -like '*Race 1' | Select-Object -First 1
    $log = Get-IgtimiSessionLog -SessionId $race.Id
    $windows = Get-IgtimiDataAccessWindow
    $script:inputs = @{
        Device      = $yb1
        Session     = $race
        Group       = Get-IgtimiGroup | Where-Object Name -eq 'Coaching Team'
        User        = Get-IgtimiAccount
        Resource    = Get-IgtimiResource -SerialNumber $yb1.SerialNumber | Select-Object -First 1
        Window      = $windows | Where-Object { $_.Recipient.Kind -eq 'User' } | Select-Object -First 1
        GroupWindow = $windows | Where-Object { $_.Recipient.Kind -eq 'Group' } | Select-Object -First 1
        DeviceLink  = $log | Where-Object { $_.Kind -eq 'DeviceLink' -and $_.SerialNumber -eq $yb1.SerialNumber } | Select-Object -First 1
        Metadata    = $log | Where-Object Kind -eq 'Metadata' | Select-Object -First 1
        Point       = Get-IgtimiLatestData -Type sog -SerialNumber $yb1.SerialNumber
        Connection  = $owner
        Selected    = $yb1 | Select-Object Name, Id, SerialNumber, OwnerId, DeviceUserGroupId
        GroupNumber = [pscustomobject]@{ Value = [long](Get-IgtimiGroup | Where-Object Name -eq 'Coaching Team').Id }
    }
    $script:extra = @{
        'Get-IgtimiLatestData' = @{ Type = 'sog' }
        'Get-IgtimiData'       = @{ Start = $anchor.AddHours(11); End = $anchor.AddHours(11).AddSeconds(5); Type = 'sog' }
        'Get-IgtimiResource'   = @{}; 'Get-IgtimiDataAccessWindow' = @{}
    }

    function Expand-Expectation([string] $Template, $Object) {
        [regex]::Replace($Template, '\{([\w.]+)\}', {
                param($m)
                $value = $Object
                foreach ($name in $m.Groups[1].Value.Split('.')) { $value = $value.$name }
                "$value"
            })
    }
}

AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Pipeline input between nouns' {
    It 'has every input object of the table' {
        foreach ($name in $inputs.Keys) { $inputs[$name] | Should -Not -BeNullOrEmpty -Because $name }
    }

    It '<From> | <Command>: <Expect>' -ForEach $cases {
        $object = $inputs[$From]
        # A number stands for itself (a plain id); the other inputs are objects.
        $piped = if ($From -eq 'GroupNumber') { $object.Value } else { $object }
        $params = if ($extra.ContainsKey($Command)) { $extra[$Command] } else { @{} }
        $emu | Clear-IgtimiEmulatorRequest
        $failures = $null
        $output = @($piped | & $Command @params -ErrorVariable failures -ErrorAction SilentlyContinue)
        $requests = @($emu | Get-IgtimiEmulatorRequest | Where-Object path -like '/api/v1/*' | ForEach-Object { $_.path.Substring(8) })
        switch -Wildcard ($Expect) {
            'refuse' {
                $failures.Count | Should -Be 1
                $failures[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiPipelineInputNotSupported,*'
                $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
                $failures[0].ErrorDetails.RecommendedAction | Should -BeLike 'Pipe *'
                $output.Count | Should -Be 0
                $requests | Should -BeNullOrEmpty
            }
            'missing' {
                $failures.Count | Should -Be 1
                $failures[0].FullyQualifiedErrorId | Should -BeLike 'Igtimi*,*'
                $failures[0].FullyQualifiedErrorId | Should -Not -BeLike 'IgtimiApiRequestFailed,*'
                $requests | Should -BeNullOrEmpty
            }
            'path:*' {
                $path = Expand-Expectation $Expect.Substring(5) $object
                $path | Should -Not -Match '/$|//'
                $requests | Should -Be @($path)
                $failures | Should -BeNullOrEmpty
                $output.Count | Should -BeGreaterThan 0
            }
            'plain:*' {
                $requests | Should -Be @(Expand-Expectation $Expect.Substring(6) $object)
                $failures | Where-Object FullyQualifiedErrorId -like 'IgtimiPipelineInputNotSupported,*' | Should -BeNullOrEmpty
            }
            default {
                $serial = Expand-Expectation $Expect $object
                $serial | Should -Not -BeNullOrEmpty
                $failures | Should -BeNullOrEmpty
                $output.Count | Should -BeGreaterThan 0
                foreach ($item in $output) {
                    $own = if ($null -ne $item.SerialNumber) { $item.SerialNumber } else { $item.DeviceSerialNumber }
                    $own | Should -Be $serial
                }
            }
        }
    }

    It 'still takes ids from the command line and numbers from the pipeline' {
        $group = Get-IgtimiGroup | Where-Object Name -eq 'Coaching Team'
        (Get-IgtimiGroup -Id $group.Id).Name | Should -Be 'Coaching Team'
        (Get-IgtimiGroup $group.Id).Name | Should -Be 'Coaching Team'
        ($group.Id | Get-IgtimiGroup).Name | Should -Be 'Coaching Team'
        ("$($group.Id)" | Get-IgtimiGroup).Name | Should -Be 'Coaching Team'
        ($group | Get-IgtimiGroup).Name | Should -Be 'Coaching Team'
        $race = Get-IgtimiSession | Select-Object -First 1
        (Get-IgtimiSession $race.Id).Id | Should -Be $race.Id
        @(Get-IgtimiSessionLog $race.Id).Count | Should -BeGreaterThan 0
    }

    It 'goes on with the next object after a refused one, and lists nothing when no object names a device' {
        $group = Get-IgtimiGroup | Where-Object Name -eq 'Coaching Team'
        $yb1 = Get-IgtimiDevice | Where-Object Name -eq 'YB-1'
        $result = @($group, $yb1 | Get-IgtimiGroup -ErrorVariable failures -ErrorAction SilentlyContinue)
        $result.Id | Should -Be @($group.Id, $yb1.DeviceUserGroupId)
        $failures | Should -BeNullOrEmpty
        $emu | Clear-IgtimiEmulatorRequest
        @($group | Get-IgtimiDevice -ErrorAction SilentlyContinue).Count | Should -Be 0
        @($group | Get-IgtimiResource -ErrorAction SilentlyContinue).Count | Should -Be 0
        @($emu | Get-IgtimiEmulatorRequest | Where-Object path -like '/api/v1/*') | Should -BeNullOrEmpty
    }

    It 'explains the way round a missing relation: a session''s devices come through its log' {
        $race = Get-IgtimiSession | Select-Object -First 1
        $null = $race | Get-IgtimiDevice -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].Exception.Message | Should -BeLike "*IgtimiSession*Get-IgtimiSessionLog -Kind DeviceLink | Get-IgtimiDevice*"
        $devices = @($race | Get-IgtimiSessionLog -Kind DeviceLink | Get-IgtimiDevice)
        $devices.Count | Should -Be 15
    }
}

Describe '-Name wildcards' {
    It 'filters devices by name with wildcards, and reports a plain name that matches nothing' {
        (Get-IgtimiDevice -Name 'WB-*').Name | Should -Be @('WB-1', 'WB-2', 'WB-3')
        (Get-IgtimiDevice -Name 'yb-1', 'Coach*').Name | Should -Be @('YB-1', 'Coach RIB')
        @(Get-IgtimiDevice -Name 'Nothing*' -ErrorVariable none -ErrorAction SilentlyContinue).Count | Should -Be 0
        $none | Should -BeNullOrEmpty
        $null = Get-IgtimiDevice -Name 'YB-99' -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiObjectNotFound,*'
        $missing[0].Exception.Message | Should -BeLike "*named 'YB-99'*"
    }

    It 'combines -Name with serial numbers and piped devices' {
        $devices = Get-IgtimiDevice
        $serials = ($devices | Where-Object Name -in 'YB-1', 'WB-1').SerialNumber
        (Get-IgtimiDevice -SerialNumber $serials -Name 'WB-*').Name | Should -Be 'WB-1'
        ($devices | Get-IgtimiDevice -Name 'YB-1?').Name | Should -Be @('YB-10', 'YB-11', 'YB-12')
        $null = Get-IgtimiDevice -SerialNumber $serials -Name 'WB-2' -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].Exception.Message | Should -BeLike '*among the serial numbers given*'
    }

    It 'filters sessions by name and reports a plain name that matches nothing' {
        $all = Get-IgtimiSession
        $races = @(Get-IgtimiSession -Name '*Race 1*')
        $races.Count | Should -Be @($all | Where-Object Name -like '*Race 1*').Count
        $races.Count | Should -BeGreaterThan 1
        $one = $all[0]
        (Get-IgtimiSession -Name $one.Name.ToUpperInvariant()).Id | Should -Contain $one.Id
        $null = Get-IgtimiSession -Name 'No such race' -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiObjectNotFound,*'
    }
}

Describe 'Id completers' {
    It 'completes session ids with the name and date in the list' {
        $race = Get-IgtimiSession | Where-Object Name -like '*Race 1' | Select-Object -First 1
        $line = "Get-IgtimiSessionLog -SessionId $($race.Id.ToString().Substring(0, 3))"
        $results = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $results.CompletionText | Should -Contain "$($race.Id)"
        $match = $results | Where-Object CompletionText -eq "$($race.Id)"
        $match.ListItemText | Should -Be "$($race.Id) $($race.Name)"
        $match.ToolTip | Should -BeLike "$($race.Name) ($($race.Id)), $($race.StartTime.UtcDateTime.ToString('yyyy-MM-dd')) *"
        $line = "Get-IgtimiSession -Id '$($race.Name.Substring(0, 8))"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain "$($race.Id)"
    }

    It 'completes group ids and user ids by name' {
        $group = Get-IgtimiGroup | Where-Object Name -eq 'Coaching Team'
        $line = 'Get-IgtimiGroup -Id Coach'
        $results = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $results.CompletionText | Should -Contain "$($group.Id)"
        $results.ListItemText | Should -Contain "$($group.Id) Coaching Team"
        $me = Get-IgtimiAccount
        $line = 'Get-IgtimiUser -Id Oli'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be "$($me.Id)"
    }

    It 'offers nothing, quickly, when not connected or the server has no sessions' {
        $line = 'Get-IgtimiSession -Id 1'
        $sapEmu = Start-IgtimiTestEmulator -ExtraArgs '--flavor', 'sap', '--sap-lock-ms', '0'
        try {
            $sap = Connect-Igtimi -BaseUri $sapEmu.BaseUri -Credential (Get-IgtimiTestCredential owner -Sap) -PassThru
            $line = "Get-IgtimiSession -Connection `$sap -Id 1"
            $watch = [Diagnostics.Stopwatch]::StartNew()
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | Should -BeNullOrEmpty
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            @($sapEmu | Get-IgtimiEmulatorRequest | Where-Object path -like '*session*') | Should -BeNullOrEmpty
        }
        finally {
            if ($sap) { Disconnect-Igtimi -Connection $sap }
            Stop-IgtimiTestEmulator $sapEmu
        }
    }
}

Describe 'SAP dialect' {
    BeforeAll {
        $script:sapEmu = Start-IgtimiTestEmulator -ExtraArgs '--anchor-date', '2025-06-15', '--flavor', 'sap', '--sap-lock-ms', '0'
        $script:sap = Connect-Igtimi -BaseUri $sapEmu.BaseUri -Credential (Get-IgtimiTestCredential owner -Sap) -PassThru
    }
    AfterAll {
        Disconnect-Igtimi -Connection $sap
        Stop-IgtimiTestEmulator $sapEmu
    }

    It 'filters devices by -Name and follows piped devices to their windows' {
        (Get-IgtimiDevice -Connection $sap -Name 'WB-*').Name | Should -Be @('WB-1', 'WB-2', 'WB-3')
        $wb1 = Get-IgtimiDevice -Connection $sap -Name 'WB-1'
        $windows = @($wb1 | Get-IgtimiDataAccessWindow -Connection $sap)
        $windows.Count | Should -BeGreaterThan 0
        $windows.DeviceSerialNumber | Select-Object -Unique | Should -Be $wb1.SerialNumber
        ($wb1 | Get-IgtimiDevice -Connection $sap).SerialNumber | Should -Be $wb1.SerialNumber
    }

    It 'says a device names no group there instead of sending its id, and refuses sessions as not offered' {
        $wb1 = Get-IgtimiDevice -Connection $sap -Name 'WB-1'
        $sapEmu | Clear-IgtimiEmulatorRequest
        $null = $wb1 | Get-IgtimiGroup -Connection $sap -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiObjectNotFound,*'
        $failures[0].Exception.Message | Should -BeLike '*names no user group*'
        $offered = $null
        try { Get-IgtimiSession -Connection $sap -Name 'Race*' } catch { $offered = $_ }
        $offered.FullyQualifiedErrorId | Should -BeLike 'IgtimiNotOfferedByServer,*'
        @($sapEmu | Get-IgtimiEmulatorRequest | Where-Object path -like '*group*') | Should -BeNullOrEmpty
    }
}
