BeforeAll { . "$PSScriptRoot/WorldTestSetup.ps1" }
AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Get-IgtimiDataAccessWindow' {
    It 'shows the outsider only the race windows of the YachtBots, granted to a group' {
        $windows = Get-IgtimiDataAccessWindow -Connection $outsider
        $windows | Should -BeOfType ([Igtimi.Client.Models.IgtimiDataAccessWindow])
        $windows.Recipient.Kind | Select-Object -Unique | Should -Be 'Group'
        $windows.Recipient.Name | Select-Object -Unique | Should -Be 'Race Spectators'
        $windows.Recipient.Group | Select-Object -First 1 | Should -BeOfType ([Igtimi.Client.Models.IgtimiGroup])
        $yachtSerials = (Get-IgtimiDevice | Where-Object Name -like 'YB-*').SerialNumber
        $windows.DeviceSerialNumber | Select-Object -Unique | ForEach-Object { $yachtSerials | Should -Contain $_ }
        $windows.Count | Should -BeLessThan (Get-IgtimiDataAccessWindow).Count
    }

    It 'follows Get-IgtimiDevice through the pipeline and filters by overlap and type' {
        $yb1 = Get-IgtimiDevice | Where-Object Name -eq 'YB-1'
        $race = Get-IgtimiSession | Where-Object { $_.Name -like '*Race*' -and $_.StartTime -ge $anchor } | Select-Object -Last 1
        $windows = $yb1 | Get-IgtimiDataAccessWindow -Start $race.StartTime.AddMinutes(5) -End $race.StartTime.AddMinutes(6)
        $windows.DeviceSerialNumber | Select-Object -Unique | Should -Be $yb1.SerialNumber
        $windows.Recipient.Name | Should -Contain 'Coaching Team'
        $windows.Recipient.Name | Should -Contain 'Race Spectators'
        (Get-IgtimiDataAccessWindow -Permission Modify).Recipient.Kind | Select-Object -Unique | Should -Be 'User'
    }

    It 'refuses -Start after -End before sending anything' {
        $err = { Get-IgtimiDataAccessWindow -Start '2025-06-15' -End '2025-06-14' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiInvalidParameter,*'
    }

    It 'shows a table with the recipient' {
        Get-IgtimiDataAccessWindow -Connection $outsider | Select-Object -First 1 | Out-String -Width 250 | Should -Match 'Group Race Spectators'
    }
}
