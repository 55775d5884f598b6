# New-IgtimiSession, Remove-IgtimiSession, Add-IgtimiSessionLog against one emulator in the igtimi.com flavor (effects
# proven through Get-IgtimiSession and Get-IgtimiSessionLog), and the not-offered error against one in the SAP flavor.
BeforeAll {
    . "$PSScriptRoot/WorldTestSetup.ps1"
    $script:sapEmu = Start-IgtimiTestEmulator -ExtraArgs '--anchor-date', '2025-06-15', '--flavor', 'sap', '--sap-lock-ms', '0'
    $script:sap = Connect-Igtimi -BaseUri $sapEmu.BaseUri -AccessToken $secrets.SapTokens.owner -PassThru
    # The owner's igtimi.com connection is the current one again.
    $script:owner = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner -PassThru
    $script:log = '<log><log_entry><data><metadata><course_direction>225</course_direction></metadata></data></log_entry></log>'
    function Get-WriteRequest { @($emu | Get-IgtimiEmulatorRequest | Where-Object { $_.Method -in 'POST', 'DELETE' -and $_.Path -like '/api/v1/sessions*' }) }
}
AfterAll {
    if ($sapEmu) { $sapEmu | Stop-IgtimiTestEmulator }
    . "$PSScriptRoot/EmulatorTestTeardown.ps1"
}

Describe 'New-IgtimiSession' {
    It 'creates a blank session owned by the caller, readable by id and listed as incomplete' {
        $s = New-IgtimiSession -Connection $owner
        $s | Should -BeOfType ([Igtimi.Client.Models.IgtimiSession])
        $s.OwnerId | Should -Be $owner.User.Id
        $s.Name | Should -BeNullOrEmpty
        $s.StartTime | Should -BeNullOrEmpty
        (Get-IgtimiSession -Id $s.Id).Permissions.Modify | Should -BeTrue
        (Get-IgtimiSession -IncludeIncomplete).Id | Should -Contain $s.Id
        (Get-IgtimiGroup).Id | Should -Contain $s.AdminSessionGroupId
    }

    It 'sends nothing under -WhatIf' {
        Clear-IgtimiEmulatorRequest -BaseUri $emu.BaseUri
        New-IgtimiSession -WhatIf | Should -BeNullOrEmpty
        Get-WriteRequest | Should -BeNullOrEmpty
    }

    It 'is not offered by SAP''s server' {
        { New-IgtimiSession -Connection $sap -ErrorAction Stop } | Should -Throw -ErrorId 'IgtimiNotOfferedByServer*'
    }
}

Describe 'Remove-IgtimiSession' {
    It 'removes a session from every list, by pipeline, with -PassThru' {
        $s = New-IgtimiSession
        $removed = $s | Remove-IgtimiSession -Confirm:$false -PassThru
        $removed.Id | Should -Be $s.Id
        (Get-IgtimiSession -IncludeIncomplete).Id | Should -Not -Contain $s.Id
        $null = Get-IgtimiSession -Id $s.Id -ErrorAction SilentlyContinue -ErrorVariable gone
        $gone[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'removes a seeded race, which then is gone from the default list' {
        $race = Get-IgtimiSession -Name '*Race 2' | Select-Object -First 1
        Remove-IgtimiSession -Id $race.Id -Confirm:$false
        (Get-IgtimiSession).Id | Should -Not -Contain $race.Id
        (Get-IgtimiSession -Connection $coach).Id | Should -Not -Contain $race.Id
    }

    It 'reports a 401 as a missing modify right, not as a dead sign-in, and keeps the session' {
        $debrief = Get-IgtimiSession -Name 'Coach debrief*'
        Remove-IgtimiSession -Id $debrief.Id -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable denied
        $denied[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiAccessDenied*'
        $denied[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $denied[0].Exception.Message | Should -Match 'modify right'
        (Get-IgtimiSession -Id $debrief.Id).Id | Should -Be $debrief.Id
    }

    It 'sends nothing under -WhatIf and names the session, server and user' {
        Clear-IgtimiEmulatorRequest -BaseUri $emu.BaseUri
        $race = Get-IgtimiSession -Name '*Race 1' | Select-Object -First 1
        $race | Remove-IgtimiSession -WhatIf
        Get-WriteRequest | Should -BeNullOrEmpty
        (Get-IgtimiSession -Id $race.Id).Id | Should -Be $race.Id
    }

    It 'does not retry a delete after a 502, but does after a 503 with Retry-After' {
        $s = New-IgtimiSession
        Clear-IgtimiEmulatorRequest -BaseUri $emu.BaseUri
        $emu | Add-IgtimiEmulatorFault -Status 502 -Count 1 -PathPrefix "/api/v1/sessions/$($s.Id)"
        Remove-IgtimiSession -Id $s.Id -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        @(Get-WriteRequest).Count | Should -Be 1
        $emu | Add-IgtimiEmulatorFault -Status 503 -RetryAfter 0 -Count 1 -PathPrefix "/api/v1/sessions/$($s.Id)"
        Remove-IgtimiSession -Id $s.Id -Confirm:$false
        (Get-IgtimiSession -IncludeIncomplete).Id | Should -Not -Contain $s.Id
    }

    It 'takes only {"success":true} as proof' {
        $s = New-IgtimiSession
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode body -Body '{"success":"yes"}' -PathPrefix "/api/v1/sessions/$($s.Id)"
        Remove-IgtimiSession -Id $s.Id -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable unconfirmed
        Clear-IgtimiEmulatorFault -BaseUri $emu.BaseUri
        $unconfirmed[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiWriteUnconfirmed*'
        $unconfirmed[0].Exception.Message | Should -Match 'may or may not'
    }

    It 'is not offered by SAP''s server' {
        { Remove-IgtimiSession -Id 1 -Connection $sap -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'IgtimiNotOfferedByServer*'
    }
}

Describe 'Add-IgtimiSessionLog' {
    It 'adds entries that Get-IgtimiSessionLog then reads' {
        $s = New-IgtimiSession
        $s | Add-IgtimiSessionLog -Xml $log
        $entries = Get-IgtimiSessionLog -SessionId $s.Id
        $entries.Count | Should -Be 1
        $entries[0].Kind | Should -Be 'Metadata'
        $entries[0].RawXml | Should -Match '225'
        Add-IgtimiSessionLog -SessionId $s.Id -Xml ([xml]$log) -PassThru | Should -HaveCount 2
    }

    It 'turns the server''s 403 for malformed XML into IgtimiSessionLogRejected with the server''s text' {
        $s = New-IgtimiSession
        Add-IgtimiSessionLog -SessionId $s.Id -Xml '<log><entry/></log>' -ErrorAction SilentlyContinue -ErrorVariable rejected
        $rejected[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiSessionLogRejected*'
        $rejected[0].Exception.Message | Should -Match 'no <log_entry> elements'
        Get-IgtimiSessionLog -SessionId $s.Id | Should -BeNullOrEmpty
    }

    It 'refuses another user''s session with the missing right' {
        $s = New-IgtimiSession
        Add-IgtimiSessionLog -SessionId $s.Id -Xml $log -Connection $coach -ErrorAction SilentlyContinue -ErrorVariable denied
        $denied[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiAccessDenied*'
    }

    It 'is not offered by SAP''s server' {
        { Add-IgtimiSessionLog -SessionId 1 -Xml $log -Connection $sap -ErrorAction Stop } | Should -Throw -ErrorId 'IgtimiNotOfferedByServer*'
    }
}
