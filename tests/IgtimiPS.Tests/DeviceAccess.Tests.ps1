# Grant-IgtimiDeviceAccess, Revoke-IgtimiDeviceAccess and Send-IgtimiFile in both dialects (docs/design/igtimi-api-2013.md sections 3.5 and
# 3.9, sap-dialect.md section 7). The effects are checked as the grantee sees them: Get-IgtimiDataAccessWindow and Get-IgtimiData.

BeforeAll {
    . "$PSScriptRoot/WorldTestSetup.ps1"
    $script:sapEmu = Start-IgtimiTestEmulator -ExtraArgs '--anchor-date', '2025-06-15', '--flavor', 'sap', '--sap-lock-ms', '0'
    $script:sapOwner = Connect-Igtimi -BaseUri $sapEmu.BaseUri -AccessToken $secrets.SapTokens.owner -PassThru
    $script:sapOutsider = Connect-Igtimi -BaseUri $sapEmu.BaseUri -AccessToken $secrets.SapTokens.outsider -PassThru
    $script:wb1 = (Get-IgtimiDevice -Connection $owner -Name 'WB-1').SerialNumber
    # Every fleet sensor is on from 10:00 to 13:00 UTC on each regatta day.
    $script:from = $anchor.AddHours(11)
    $script:to = $anchor.AddHours(11).AddMinutes(20)
}

AfterAll {
    if ($sapEmu) { Stop-IgtimiTestEmulator $sapEmu }
    . "$PSScriptRoot/EmulatorTestTeardown.ps1"
}

Describe 'Grant-IgtimiDeviceAccess (igtimi.com)' {
    It 'lets the grantee read exactly the window, nothing outside it' {
        @(Get-IgtimiData -Connection $outsider -SerialNumber $wb1 -Start $anchor.AddHours(10) -End $anchor.AddHours(13) -Type aws) |
            Should -BeNullOrEmpty
        $window = Grant-IgtimiDeviceAccess -SerialNumber $wb1 -UserId $outsider.User.Id -Start $from -End $to -Connection $owner
        $window | Should -BeOfType ([Igtimi.Client.Models.IgtimiDataAccessWindow])
        $window.Id | Should -BeGreaterThan 0
        $window.Recipient.User.Id | Should -Be $outsider.User.Id
        $window.Permissions.Read | Should -BeTrue
        $window.Permissions.Modify | Should -BeFalse

        (Get-IgtimiDataAccessWindow -Connection $outsider -SerialNumber $wb1).Id | Should -Be $window.Id
        (Get-IgtimiDevice -Connection $outsider).SerialNumber | Should -Contain $wb1
        $points = @(Get-IgtimiData -Connection $outsider -SerialNumber $wb1 -Start $anchor.AddHours(10) -End $anchor.AddHours(13) -Type aws)
        $points.Count | Should -Be 1201
        ($points.Timestamp | Measure-Object -Minimum).Minimum | Should -Be $from
        ($points.Timestamp | Measure-Object -Maximum).Maximum | Should -Be $to
    }

    It 'stores an open-ended share as 100 years, and -Modify alone gives modify only' {
        $yb5 = (Get-IgtimiDevice -Connection $owner -Name 'YB-5').SerialNumber
        $window = Grant-IgtimiDeviceAccess -SerialNumber $yb5 -UserId $outsider.User.Id -Start $from -Modify -Connection $owner
        $window.EndTime | Should -Be $from.AddYears(100)
        $window.Permissions.Modify | Should -BeTrue
        $window.Permissions.Read | Should -BeFalse
    }

    It 'sends nothing under -WhatIf for a piped fleet' {
        $emu | Clear-IgtimiEmulatorRequest
        Get-IgtimiDevice -Connection $owner -Name 'YB*' | Grant-IgtimiDeviceAccess -UserId 42 -Start $from -End $to -Connection $owner -WhatIf |
            Should -BeNullOrEmpty
        @($emu | Get-IgtimiEmulatorRequest | Where-Object path -like '*data_access_window') | Should -BeNullOrEmpty
    }

    It 'refuses the outsider on the owner''s boat as a missing right, and for each piped device' {
        $boats = @(Get-IgtimiDevice -Connection $outsider | Select-Object -First 2)
        $boats | Grant-IgtimiDeviceAccess -UserId $coach.User.Id -Start $from -End $to -Connection $outsider -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiAccessDenied,*'
        $failed[0].Exception.Message | Should -Match "It needs modify on the device's data"
    }

    It 'checks its arguments before any request' {
        $emu | Clear-IgtimiEmulatorRequest
        Grant-IgtimiDeviceAccess -SerialNumber $wb1 -UserId 1 -Start $to -End $from -Connection $owner -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiInvalidParameter,*'
        Grant-IgtimiDeviceAccess -SerialNumber $wb1 -Start $from -End $to -Connection $owner -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].Exception.Message | Should -Match '-UserId'
        @($emu | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty
    }
}

Describe 'Revoke-IgtimiDeviceAccess' {
    It 'is not offered by igtimi.com' {
        { Revoke-IgtimiDeviceAccess -Id 1 -Connection $owner -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'IgtimiNotOfferedByServer,*'
    }

    It 'creates a window on SAP''s server and deletes it again; the window list shows both' {
        $window = Grant-IgtimiDeviceAccess -SerialNumber $wb1 -Start $from -End $to -Connection $sapOwner
        $window.Id | Should -BeGreaterThan 0
        $window.StartTime | Should -Be $from
        (Get-IgtimiDataAccessWindow -Connection $sapOwner -SerialNumber $wb1).Id | Should -Contain $window.Id

        $sapEmu | Clear-IgtimiEmulatorRequest
        $window | Revoke-IgtimiDeviceAccess -Connection $sapOwner -WhatIf
        @($sapEmu | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty

        $window | Revoke-IgtimiDeviceAccess -Connection $sapOwner -Confirm:$false -PassThru | Should -Be $window.Id
        (Get-IgtimiDataAccessWindow -Connection $sapOwner -SerialNumber $wb1).Id | Should -Not -Contain $window.Id
    }

    It 'says so for an id the user cannot see, without a delete' {
        $sapEmu | Clear-IgtimiEmulatorRequest
        Revoke-IgtimiDeviceAccess -Id 999999 -Connection $sapOwner -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        @($sapEmu | Get-IgtimiEmulatorRequest | Where-Object method -eq 'DELETE') | Should -BeNullOrEmpty
    }

    It 'refuses -UserId on SAP''s server, whose windows have no recipient' {
        { Grant-IgtimiDeviceAccess -SerialNumber $wb1 -UserId 5 -Start $from -End $to -Connection $sapOwner -ErrorAction Stop } |
            Should -Throw -ErrorId 'IgtimiNotOfferedByServer,*'
    }

    It 'refuses a window the caller may not create' {
        Grant-IgtimiDeviceAccess -SerialNumber $wb1 -Start $from -End $to -Connection $sapOutsider -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiAccessDenied,*'
    }
}

Describe 'Send-IgtimiFile' {
    BeforeAll {
        $script:file = Join-Path $TestDrive 'notes.csv'
        Set-Content -LiteralPath $file -Value "mark,time`nwindward,11:05" -NoNewline
        $script:resource = Get-IgtimiResource -Connection $owner -Permission Modify -SerialNumber $wb1 | Select-Object -First 1
    }

    It 'uploads, checks the md5 against the file, and the file becomes a type-16 point' {
        $sent = $resource | Send-IgtimiFile -Path $file -Connection $owner
        $sent | Should -BeOfType ([Igtimi.Client.Models.IgtimiUploadedFile])
        $sent.Md5 | Should -Be (Get-FileHash -LiteralPath $file -Algorithm MD5).Hash.ToLowerInvariant()
        $sent.ContentType | Should -Be 'text/csv'
        $sent.ResourceId | Should -Be $resource.Id

        $point = Get-IgtimiData -Connection $owner -SerialNumber $wb1 -Start $resource.StartTime -End $resource.StartTime.AddSeconds(1) -Type file
        $point.Type | Should -Be 16
        $point.Texts[0..2] | Should -Be @('notes.csv', $sent.Md5, 'text/csv')
        $point.Values[3] | Should -Be (Get-Item -LiteralPath $file).Length
        @(Get-IgtimiData -Connection $outsider -SerialNumber $wb1 -Start $resource.StartTime -End $resource.StartTime.AddSeconds(1) -Type file) |
            Should -BeNullOrEmpty
    }

    It 'reports an md5 that differs from the file''s' {
        $emu | Add-IgtimiEmulatorFault -Kind Hostile -Mode body -PathPrefix /api/v1/resource_data/upload `
            -Body '{"resource_datum":{"resource_id":1,"md5":"98330e72eeef4fcae7fa8b339ffc2c69","source":null}}'
        $resource | Send-IgtimiFile -Path $file -Connection $owner -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiUploadChecksumMismatch,*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidResult'
    }

    It 'sends nothing under -WhatIf, refuses a missing file and a resource without the right' {
        $emu | Clear-IgtimiEmulatorRequest
        $resource | Send-IgtimiFile -Path $file -Connection $owner -WhatIf
        Send-IgtimiFile -Path (Join-Path $TestDrive 'none.txt') -ResourceId 1 -Start $from -End $to -Connection $owner `
            -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        @($emu | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty

        $theirs = Get-IgtimiResource -Connection $outsider -SerialNumber (Get-IgtimiDevice -Connection $outsider | Select-Object -First 1).SerialNumber |
            Select-Object -First 1
        $theirs | Send-IgtimiFile -Path $file -Connection $outsider -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiAccessDenied,*'
    }

    It 'is not offered by SAP''s server' {
        { Send-IgtimiFile -Path $file -ResourceId 1 -Start $from -End $to -Connection $sapOwner -ErrorAction Stop } |
            Should -Throw -ErrorId 'IgtimiNotOfferedByServer,*'
    }
}
