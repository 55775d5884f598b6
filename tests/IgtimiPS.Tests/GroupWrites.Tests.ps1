# New-/Remove-/Set-IgtimiGroup and Get-/Add-/Remove-IgtimiGroupMember against one emulator in the igtimi.com flavor
# (effects proven through Get-IgtimiGroup and Get-IgtimiGroupMember), the not-offered error in the SAP flavor, and
# Connect-Igtimi -ClientCredentials (an app token: public reads only, writes refused).
BeforeAll {
    . "$PSScriptRoot/WorldTestSetup.ps1"
    $script:sapEmu = Start-IgtimiTestEmulator -ExtraArgs '--anchor-date', '2025-06-15', '--flavor', 'sap', '--sap-lock-ms', '0'
    $script:sap = Connect-Igtimi -BaseUri $sapEmu.BaseUri -AccessToken $secrets.SapTokens.owner -PassThru
    $script:owner = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner -PassThru
    $script:spectators = Get-IgtimiGroup | Where-Object Name -eq 'Race Spectators'
}
AfterAll {
    if ($sapEmu) { $sapEmu | Stop-IgtimiTestEmulator }
    . "$PSScriptRoot/EmulatorTestTeardown.ps1"
}

Describe 'New-IgtimiGroup and Remove-IgtimiGroup' {
    It 'creates a group the caller administers, and removes it from the list' {
        $g = New-IgtimiGroup -Name 'Jury'
        $g | Should -BeOfType ([Igtimi.Client.Models.IgtimiGroup])
        (Get-IgtimiGroup -Id $g.Id).Permissions.Modify | Should -BeTrue
        (Get-IgtimiGroupMember -GroupId $g.Id).UserId | Should -Be $owner.User.Id
        ($g | Remove-IgtimiGroup -Confirm:$false -PassThru).Id | Should -Be $g.Id
        (Get-IgtimiGroup).Id | Should -Not -Contain $g.Id
    }

    It 'refuses to delete a group the caller does not administer, naming the right' {
        $g = New-IgtimiGroup -Name 'Owner only'
        Remove-IgtimiGroup -Id $g.Id -Connection $coach -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable denied
        $denied[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiAccessDenied*'
        $denied[0].Exception.Message | Should -Match 'modify right on the group'
        (Get-IgtimiGroup -Id $g.Id).Id | Should -Be $g.Id
    }

    It 'sends nothing under -WhatIf' {
        Clear-IgtimiEmulatorRequest -BaseUri $emu.BaseUri
        'A', 'B' | New-IgtimiGroup -WhatIf
        $spectators | Remove-IgtimiGroup -WhatIf
        @($emu | Get-IgtimiEmulatorRequest | Where-Object Method -in 'POST', 'DELETE') | Should -BeNullOrEmpty
        (Get-IgtimiGroup).Name | Should -Not -Contain 'A'
    }

    It 'is not offered by SAP''s server' {
        { New-IgtimiGroup -Name x -Connection $sap -ErrorAction Stop } | Should -Throw -ErrorId 'IgtimiNotOfferedByServer*'
        { Get-IgtimiGroupMember -GroupId 1 -Connection $sap -ErrorAction Stop } | Should -Throw -ErrorId 'IgtimiNotOfferedByServer*'
    }
}

Describe 'Get-IgtimiGroupMember, Add-IgtimiGroupMember, Remove-IgtimiGroupMember' {
    It 'lists typed members, piped from a group' {
        $members = $spectators | Get-IgtimiGroupMember
        $members | Should -BeOfType ([Igtimi.Client.Models.IgtimiGroupMember])
        $members.UserId | Should -Be @($coach.User.Id, $outsider.User.Id)
        $members.GroupIsPublic | Should -Not -Contain $true
    }

    It 'adds and removes members, which the member list and the user''s groups then show' {
        $g = New-IgtimiGroup -Name 'Crew'
        (Add-IgtimiGroupMember -GroupId $g.Id -UserId $coach.User.Id -PassThru).Email | Should -Be $coach.User.Email
        (Get-IgtimiGroup -Connection $coach).Id | Should -Contain $g.Id
        Get-IgtimiGroupMember -GroupId $g.Id | Where-Object UserId -eq $coach.User.Id | Remove-IgtimiGroupMember -Confirm:$false
        (Get-IgtimiGroupMember -GroupId $g.Id).UserId | Should -Not -Contain $coach.User.Id
        (Get-IgtimiGroup -Connection $coach).Id | Should -Not -Contain $g.Id
    }

    It 'takes users from the pipeline, and -WhatIf sends nothing' {
        $g = New-IgtimiGroup -Name 'Piped'
        Clear-IgtimiEmulatorRequest -BaseUri $emu.BaseUri
        $spectators | Get-IgtimiGroupMember | Add-IgtimiGroupMember -GroupId $g.Id -WhatIf
        @($emu | Get-IgtimiEmulatorRequest | Where-Object Method -eq 'POST') | Should -BeNullOrEmpty
        $spectators | Get-IgtimiGroupMember | Add-IgtimiGroupMember -GroupId $g.Id
        (Get-IgtimiGroupMember -GroupId $g.Id).Count | Should -Be 3
    }

    It 'refuses member changes without the modify right, and member lists without the read right' {
        $g = New-IgtimiGroup -Name 'Closed'
        Add-IgtimiGroupMember -GroupId $g.Id -UserId $outsider.User.Id -Connection $coach -ErrorAction SilentlyContinue -ErrorVariable denied
        $denied[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiAccessDenied*'
        Get-IgtimiGroupMember -GroupId $g.Id -Connection $coach -ErrorAction SilentlyContinue -ErrorVariable unreadable
        $unreadable[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }
}

Describe 'Set-IgtimiGroup' {
    It 'makes a group public (readable by anyone) and private again' {
        $g = New-IgtimiGroup -Name 'Open'
        $g | Set-IgtimiGroup -Public $true
        (Get-IgtimiGroupMember -GroupId $g.Id -Connection $outsider).GroupIsPublic | Should -Be $true
        Set-IgtimiGroup -Id $g.Id -Public $false -PassThru | Should -BeOfType ([Igtimi.Client.Models.IgtimiGroup])
        Get-IgtimiGroupMember -GroupId $g.Id -Connection $outsider -ErrorAction SilentlyContinue -ErrorVariable closed
        $closed[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'sends nothing under -WhatIf' {
        Clear-IgtimiEmulatorRequest -BaseUri $emu.BaseUri
        $spectators | Set-IgtimiGroup -Public $true -WhatIf
        @($emu | Get-IgtimiEmulatorRequest | Where-Object Method -eq 'POST') | Should -BeNullOrEmpty
    }
}

Describe 'Connect-Igtimi -ClientCredentials' {
    It 'connects as the app: public sessions read, account and writes refused' {
        $app = Connect-Igtimi -BaseUri $emu.BaseUri -ClientCredentials -ClientId $secrets.ClientId -ClientSecret $secrets.ClientSecret `
            -PassThru -WarningVariable warned -WarningAction SilentlyContinue
        $app.IsAppOnly | Should -BeTrue
        $app.AuthenticationMethod | Should -Be 'ClientCredentials'
        $warned | Should -Not -BeNullOrEmpty
        (Get-IgtimiSession -Connection $app).Count | Should -Be 1
        Get-IgtimiDevice -Connection $app | Should -BeNullOrEmpty
        { Get-IgtimiAccount -Connection $app -ErrorAction Stop } | Should -Throw
        New-IgtimiGroup -Name 'x' -Connection $app -ErrorAction SilentlyContinue -ErrorVariable denied
        $denied[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiAccessDenied*'
        $denied[0].Exception.Message | Should -Match 'no user'
        $owner = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner -PassThru
    }

    It 'is refused with a wrong secret, and not offered by SAP''s server' {
        { Connect-Igtimi -BaseUri $emu.BaseUri -ClientCredentials -ClientId $secrets.ClientId -ClientSecret 'wrong' } |
            Should -Throw -ErrorId 'IgtimiAuthenticationFailed*'
        { Connect-Igtimi -BaseUri $sapEmu.BaseUri -ClientCredentials -ClientId $secrets.ClientId -ClientSecret $secrets.ClientSecret } |
            Should -Throw -ErrorId 'IgtimiNotOfferedByServer*'
        $owner = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner -PassThru
    }
}
