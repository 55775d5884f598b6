BeforeAll { . "$PSScriptRoot/WorldTestSetup.ps1" }
AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Get-IgtimiResource' {
    It 'lists one resource per device and day for the owner, fewer for the outsider' {
        $all = Get-IgtimiResource
        $all | Should -BeOfType ([Igtimi.Client.Models.IgtimiResource])
        $all.Count | Should -Be 64
        $outsiders = Get-IgtimiResource -Connection $outsider
        $outsiders.Count | Should -Be 48
        $outsiders.Permissions.Modify | Should -Not -Contain $true
        $all[0].DataTypes | Should -Contain 1
        $all[0].DataTypeNames | Should -Contain 'gps_latlong'
    }

    It 'follows Get-IgtimiDevice through the pipeline and filters by time overlap' {
        $resources = Get-IgtimiDevice | Where-Object Name -in 'YB-1', 'WB-1' | Get-IgtimiResource -Start $anchor.AddHours(12) -End $anchor.AddHours(13)
        $resources.Count | Should -Be 2
        $resources | ForEach-Object {
            $_.StartTime | Should -BeLessOrEqual $anchor.AddHours(13)
            $_.EndTime | Should -BeGreaterOrEqual $anchor.AddHours(12)
        }
        ($resources | Where-Object { $_.DataTypes -contains 12 }).Count | Should -Be 1
    }

    It 'accepts DateTime and strings for -Start and -End' {
        (Get-IgtimiResource -Start '2025-06-14T00:00:00Z' -End ([datetime]::SpecifyKind([datetime]'2025-06-14 23:00', 'Utc'))).Count | Should -Be 16
    }

    It 'filters by -Permission Modify' {
        (Get-IgtimiResource -Permission Modify -Connection $coach).DeviceSerialNumber | Select-Object -Unique |
            Should -Be (Get-IgtimiDevice -Connection $coach | Where-Object Name -eq 'Coach RIB').SerialNumber
    }

    It 'refuses -Start after -End before sending anything' {
        $emu | Clear-IgtimiEmulatorRequest
        $err = { Get-IgtimiResource -Start $anchor -End $anchor.AddDays(-1) } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiInvalidParameter,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        @($emu | Get-IgtimiEmulatorRequest) | Should -BeNullOrEmpty
    }

    It 'shows a table with the data types' {
        Get-IgtimiResource | Select-Object -First 1 | Out-String -Width 250 | Should -Match 'DataTypes[\s\S]+1,2,3'
    }
}
