# Register-IgtimiDevice, Unregister-IgtimiDevice and Set-IgtimiDevice in both dialects (docs/design/igtimi-api-2013.md section 3.8,
# sap-dialect.md section 7): effects checked through Get-IgtimiDevice and Get-IgtimiDataAccessWindow, never the emulator's internals.

BeforeAll {
    . "$PSScriptRoot/WorldTestSetup.ps1"
    $script:sapEmu = Start-IgtimiTestEmulator -ExtraArgs '--anchor-date', '2025-06-15', '--flavor', 'sap', '--sap-lock-ms', '0'
    $script:sapOwner = Connect-Igtimi -BaseUri $sapEmu.BaseUri -AccessToken $secrets.SapTokens.owner -PassThru
    $script:sapOutsider = Connect-Igtimi -BaseUri $sapEmu.BaseUri -AccessToken $secrets.SapTokens.outsider -PassThru
    function Get-Writes($emulator) { @($emulator | Get-IgtimiEmulatorRequest | Where-Object method -ne 'GET') }
}

AfterAll {
    if ($sapEmu) { Stop-IgtimiTestEmulator $sapEmu }
    . "$PSScriptRoot/EmulatorTestTeardown.ps1"
}

Describe 'Register-IgtimiDevice (igtimi.com)' {
    It 'registers a new serial to the caller, who then lists it; nobody else does' {
        $device = Register-IgtimiDevice -SerialNumber 'ab-cd-efgh' -ServiceTag 'TAG1' -Name 'Spare boat' -Connection $owner
        $device | Should -BeOfType ([Igtimi.Client.Models.IgtimiDevice])
        $device.SerialNumber | Should -Be 'AB-CD-EFGH'
        $device.Name | Should -Be 'Spare boat'
        $listed = Get-IgtimiDevice -Connection $owner | Where-Object SerialNumber -eq 'AB-CD-EFGH'
        $listed.Name | Should -Be 'Spare boat'
        $listed.Permissions.Modify | Should -BeTrue
        (Get-IgtimiDevice -Connection $coach).SerialNumber | Should -Not -Contain 'AB-CD-EFGH'
    }

    It 'sends nothing under -WhatIf, also for piped serials' {
        $emu | Clear-IgtimiEmulatorRequest
        'AB-CD-EFG1', 'AB-CD-EFG2' | Register-IgtimiDevice -Connection $owner -WhatIf
        @($emu | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty
        (Get-IgtimiDevice -Connection $owner).SerialNumber | Should -Not -Contain 'AB-CD-EFG1'
    }

    It 'refuses a serial that is registered already, as a per-item error' {
        $yb1 = (Get-IgtimiDevice -Connection $owner -Name 'YB-1').SerialNumber
        $result = Register-IgtimiDevice -SerialNumber $yb1 -Connection $coach -ErrorVariable failed -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiApiRequestFailed,*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'is not retried after a 503 (the device may exist), but is after a 429 (nothing happened)' {
        $emu | Clear-IgtimiEmulatorRequest
        $emu | Add-IgtimiEmulatorFault -Status 503 -PathPrefix /api/v1/devices/register
        Register-IgtimiDevice -SerialNumber 'AB-CD-EFG3' -Connection $owner -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        @(Get-Writes $emu).Count | Should -Be 1

        $emu | Clear-IgtimiEmulatorRequest
        $emu | Add-IgtimiEmulatorFault -Status 429 -RetryAfter 0 -PathPrefix /api/v1/devices/register
        (Register-IgtimiDevice -SerialNumber 'AB-CD-EFG3' -Connection $owner).SerialNumber | Should -Be 'AB-CD-EFG3'
        @(Get-Writes $emu).status | Should -Be @(429, 200)
    }
}

Describe 'Set-IgtimiDevice (igtimi.com)' {
    It 'renames a device; -PassThru reads it back' {
        $emu | Clear-IgtimiEmulatorRequest
        $renamed = Get-IgtimiDevice -Connection $owner -Name 'YB-2' | Set-IgtimiDevice -Name 'YB-2 Aurora' -Connection $owner -PassThru
        $renamed.Name | Should -Be 'YB-2 Aurora'
        @(Get-Writes $emu | Where-Object method -eq 'PUT').path | Should -Be "/api/v1/devices/$($renamed.SerialNumber)"
        (Get-IgtimiDevice -Connection $coach -Name 'YB-2 Aurora').Count | Should -Be 1
    }

    It 'is silent without -PassThru' {
        Get-IgtimiDevice -Connection $owner -Name 'YB-2 Aurora' | Set-IgtimiDevice -Name 'YB-2' -Connection $owner | Should -BeNullOrEmpty
        Get-IgtimiDevice -Connection $owner -Name 'YB-2' | Should -Not -BeNullOrEmpty
    }

    It 'reports a 401 as the missing right, not as a dead token' {
        $yb3 = (Get-IgtimiDevice -Connection $owner -Name 'YB-3').SerialNumber
        Set-IgtimiDevice -SerialNumber $yb3 -Name 'mine' -Connection $coach -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiAccessDenied,*'
        $failed[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failed[0].Exception.Message | Should -Match 'It needs modify on the device'
        (Get-IgtimiDevice -Connection $owner -SerialNumber $yb3).Name | Should -Be 'YB-3'
    }

    It 'takes only {"success":true} as proof' {
        $yb4 = (Get-IgtimiDevice -Connection $owner -Name 'YB-4').SerialNumber
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode body -Body '{"success":false}' -PathPrefix "/api/v1/devices/$yb4"
        Set-IgtimiDevice -SerialNumber $yb4 -Name 'x' -Connection $owner -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiInvalidResponse,*'
        $failed[0].Exception.Message | Should -Match 'did not confirm'
    }
}

Describe 'Unregister-IgtimiDevice (igtimi.com)' {
    It 'sends nothing under -WhatIf' {
        $emu | Clear-IgtimiEmulatorRequest
        Get-IgtimiDevice -Connection $owner -Name 'WB-3' | Unregister-IgtimiDevice -Connection $owner -WhatIf
        @($emu | Get-IgtimiEmulatorRequest | Where-Object path -like '*unregister*') | Should -BeNullOrEmpty
        (Get-IgtimiDevice -Connection $owner).Name | Should -Contain 'WB-3'
    }

    It 'refuses a device the caller does not own, and the device stays' {
        $wb2 = (Get-IgtimiDevice -Connection $owner -Name 'WB-2').SerialNumber
        Unregister-IgtimiDevice -SerialNumber $wb2 -Connection $coach -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiAccessDenied,*'
        $failed[0].Exception.Message | Should -Match 'ownership of the device'
        (Get-IgtimiDevice -Connection $owner).SerialNumber | Should -Contain $wb2
    }

    It 'unregisters: the device and its windows stop being listed; -PassThru writes it' {
        $wb3 = Get-IgtimiDevice -Connection $owner -Name 'WB-3'
        @(Get-IgtimiDataAccessWindow -Connection $coach -SerialNumber $wb3.SerialNumber).Count | Should -BeGreaterThan 0
        $gone = $wb3 | Unregister-IgtimiDevice -Connection $owner -Confirm:$false -PassThru
        $gone.SerialNumber | Should -Be $wb3.SerialNumber
        (Get-IgtimiDevice -Connection $owner).SerialNumber | Should -Not -Contain $wb3.SerialNumber
        @(Get-IgtimiDataAccessWindow -Connection $coach -SerialNumber $wb3.SerialNumber) | Should -BeNullOrEmpty
    }

    It 'says so for a serial no one has' {
        Unregister-IgtimiDevice -SerialNumber 'ZZ-ZZ-ZZZZ' -Connection $owner -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiObjectNotFound,*'
    }
}

Describe 'Device writes on SAP''s server' {
    It 'registers with the id given, lists the device, and unregisters it by id' {
        $device = Register-IgtimiDevice -SerialNumber 'AB-CD-EFGH' -Name 'Sap spare' -DeviceId 9001 -Connection $sapOwner
        $device.Id | Should -Be 9001
        $device.Name | Should -Be 'Sap spare'
        (Get-IgtimiDevice -Connection $sapOwner).SerialNumber | Should -Contain 'AB-CD-EFGH'
        (Get-IgtimiDevice -Connection $sapOutsider).SerialNumber | Should -Not -Contain 'AB-CD-EFGH'

        $sapEmu | Clear-IgtimiEmulatorRequest
        Unregister-IgtimiDevice -SerialNumber 'AB-CD-EFGH' -Connection $sapOwner -Confirm:$false
        (Get-Writes $sapEmu).path | Should -Be '/igtimi/api/v1/devices/9001'
        (Get-IgtimiDevice -Connection $sapOwner).SerialNumber | Should -Not -Contain 'AB-CD-EFGH'
    }

    It 'takes the next free id without -DeviceId' {
        $max = (Get-IgtimiDevice -Connection $sapOwner | Measure-Object Id -Maximum).Maximum
        (Register-IgtimiDevice -SerialNumber 'AB-CD-EFG5' -Connection $sapOwner).Id | Should -Be ($max + 1)
    }

    It 'reports Shiro''s 401 as the missing right' {
        $yb = (Get-IgtimiDevice -Connection $sapOutsider | Select-Object -First 1).SerialNumber
        Unregister-IgtimiDevice -SerialNumber $yb -Connection $sapOutsider -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiAccessDenied,*'
        $failed[0].Exception.Message | Should -Match 'IGTIMI_DEVICE:DELETE'
    }

    It 'has no rename: the not-offered error, once' {
        { Get-IgtimiDevice -Connection $sapOwner | Select-Object -First 2 | Set-IgtimiDevice -Name 'x' -Connection $sapOwner -ErrorAction Stop } |
            Should -Throw -ErrorId 'IgtimiNotOfferedByServer,*'
    }
}
