BeforeAll { . "$PSScriptRoot/WorldTestSetup.ps1" }
AfterAll { . "$PSScriptRoot/EmulatorTestTeardown.ps1" }

Describe 'Get-IgtimiDataType' {
    It 'lists the catalogue with components and units' {
        $types = Get-IgtimiDataType
        $types | Should -BeOfType ([Igtimi.Client.Models.IgtimiDataType])
        ($types | Where-Object Code -eq 1).Components.Name | Should -Be @('longitude', 'latitude')
        ($types | Where-Object Code -eq 9).Components[0].Unit | Should -Be 'km/h'
        ($types | Where-Object Code -le 16).Count | Should -Be 16
    }

    It 'resolves names and codes, keeps unknown codes and reports nonsense' {
        (Get-IgtimiDataType sog, 1, AWS).Code | Should -Be @(9, 1, 12)
        $unknown = Get-IgtimiDataType 77
        $unknown.IsKnown | Should -BeFalse
        $unknown.Name | Should -Be 'type_77'
        $null = Get-IgtimiDataType 'no-such-type' -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'takes DataTypes from a resource on the pipeline' {
        $resource = Get-IgtimiResource | Select-Object -First 1
        ($resource | Get-IgtimiDataType).Code | Should -Be $resource.DataTypes
        ($resource | Get-IgtimiDataType).Name | Should -Contain 'gps_latlong'
        ('sog', 12 | Get-IgtimiDataType).Name | Should -Be @('sog', 'aws')
    }

    It 'reads the server''s list with -FromServer' {
        $server = Get-IgtimiDataType -FromServer
        $server.Count | Should -Be 16
        ($server | Where-Object Code -eq 13).Components.Count | Should -Be 3
    }

    It 'completes type names' {
        $line = 'Get-IgtimiDataType gps_'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText |
            Should -Be @('gps_latlong', 'gps_quality_indicator', 'gps_quality_sat_count', 'gps_quality_hdop', 'gps_altitude')
    }
}
