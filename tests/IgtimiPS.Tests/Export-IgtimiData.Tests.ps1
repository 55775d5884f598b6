# Export-IgtimiData needs no server: the points are built with the public constructors.
BeforeAll {
    . "$PSScriptRoot/TestSetup.ps1"

    $script:T0 = 1717236000123   # 2024-06-01T10:00:00.123Z

    function New-TestPoint([string] $Serial, [int] $Type, [long] $Time, [double[]] $Values, [int] $Dsi = 0) {
        [Igtimi.Client.Data.IgtimiDataPoints]::Create($Serial, $Type, $Dsi, $Time, $Values, $null)
    }

    # Two boats: A with positions, SOG (10 kn, then NaN), COG and an unknown type; B with positions only.
    # Packed component 1 is longitude, 2 latitude.
    function Get-TestPoints {
        New-TestPoint 'DA-A' 1 $T0 10.1, 54.3
        New-TestPoint 'DB-B' 1 $T0 151.2, -33.9
        New-TestPoint 'DA-A' 1 ($T0 + 1000) 10.2, 54.4
        New-TestPoint 'DB-B' 1 ($T0 + 1000) 151.3, -33.8
        New-TestPoint 'DA-A' 9 $T0 18.52
        New-TestPoint 'DA-A' 9 ($T0 + 1000) ([double]::NaN)
        New-TestPoint 'DA-A' 6 $T0 45
        New-TestPoint 'DA-A' 77 ($T0 + 1000) 7.5
    }

    function Get-FolderItems([string] $Folder) { @(Get-ChildItem -LiteralPath $Folder -Force | ForEach-Object Name) }
}

Describe 'Export-IgtimiData' {
    BeforeEach {
        $script:dir = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $dir
    }

    Context 'CSV' {
        It 'writes one row per device and timestamp with a column per value, invariant and ISO' {
            $path = Join-Path $dir 'race.csv'
            Get-TestPoints | Export-IgtimiData -Path $path
            $rows = @(Import-Csv -LiteralPath $path)
            (Get-Content -LiteralPath $path -TotalCount 1) | Should -Be 'SerialNumber,Timestamp,Latitude,Longitude,COG_deg,SOG_kmh,SOG_knots,type77_c1'
            $rows.Count | Should -Be 4
            $rows[0].SerialNumber | Should -Be 'DA-A'
            $rows[0].Timestamp | Should -Be '2024-06-01T10:00:00.123Z'
            $rows[0].Latitude | Should -Be '54.3'
            $rows[0].Longitude | Should -Be '10.1'
            $rows[0].SOG_kmh | Should -Be '18.52'
            $rows[0].SOG_knots | Should -Be '10'
            $rows[0].COG_deg | Should -Be '45'
            $rows[1].SOG_kmh | Should -BeNullOrEmpty   # NaN is an empty cell
            $rows[1].type77_c1 | Should -Be '7.5'
            $rows[2].SerialNumber | Should -Be 'DB-B'
            $rows[2].Latitude | Should -Be '-33.9'
        }

        It 'writes numbers with a dot whatever the culture' {
            $path = Join-Path $dir 'de.csv'
            $before = [cultureinfo]::CurrentCulture
            try {
                [cultureinfo]::CurrentCulture = 'de-DE'
                Get-TestPoints | Export-IgtimiData -Path $path
            }
            finally { [cultureinfo]::CurrentCulture = $before }
            Get-Content -LiteralPath $path -Raw | Should -Match ',54\.3,10\.1,'
        }
    }

    Context 'GPX' {
        It 'writes GPX 1.1 with a track per device, lat/lon in place, and speed in m/s' {
            $path = Join-Path $dir 'race.gpx'
            Get-TestPoints | Export-IgtimiData -Path $path -Format Gpx
            [xml] $gpx = Get-Content -LiteralPath $path -Raw
            $gpx.DocumentElement.NamespaceURI | Should -Be 'http://www.topografix.com/GPX/1/1'
            $gpx.gpx.version | Should -Be '1.1'
            $gpx.gpx.creator | Should -Be 'IgtimiPS'
            @($gpx.gpx.trk).Count | Should -Be 2
            @($gpx.gpx.trk.name) | Should -Be @('DA-A', 'DB-B')
            $first = @($gpx.gpx.trk)[0].trkseg.trkpt[0]
            $first.lat | Should -Be '54.3'
            $first.lon | Should -Be '10.1'
            $first.time | Should -Be '2024-06-01T10:00:00.123Z'
            # 10 kn = 5.14444 m/s, written with 4 decimals
            [math]::Abs([double] $first.extensions.TrackPointExtension.speed - 10 * 0.514444) | Should -BeLessThan 0.0001
            $first.extensions.TrackPointExtension.course | Should -Be '45'
            @($gpx.gpx.trk)[0].trkseg.trkpt[1].extensions | Should -BeNullOrEmpty   # NaN speed left out
        }
    }

    Context 'GeoJSON' {
        It 'writes a FeatureCollection of LineStrings in lon, lat order' {
            $path = Join-Path $dir 'race.geojson'
            Get-TestPoints | Export-IgtimiData -Path $path
            $json = Get-Content -LiteralPath $path -Raw | ConvertFrom-Json
            $json.type | Should -Be 'FeatureCollection'
            $json.features.Count | Should -Be 2
            $a = $json.features[0]
            $a.geometry.type | Should -Be 'LineString'
            $a.geometry.coordinates[0] | Should -Be @(10.1, 54.3)
            $a.properties.serialNumber | Should -Be 'DA-A'
            $a.properties.pointCount | Should -Be 2
            @($a.properties.times)[0] | Should -BeOfType [datetime]   # ConvertFrom-Json parses ISO times
            $a.properties.speedKnots[0] | Should -Be 10
            $a.properties.speedKnots[1] | Should -BeNullOrEmpty
            $json.features[1].geometry.coordinates[0] | Should -Be @(151.2, -33.9)
        }
    }

    Context 'Input' {
        It 'expands the blocks of Get-IgtimiData -Raw' {
            $block = [Igtimi.Client.Data.IgtimiDataBlock]::new('DA-A', 1, 0, [long[]]($T0, ($T0 + 1000)), [double[][]]@([double[]](10.1, 10.2), [double[]](54.3, 54.4)), $null)
            $path = Join-Path $dir 'blocks.csv'
            $block | Export-IgtimiData -Path $path
            $rows = @(Import-Csv -LiteralPath $path)
            $rows.Count | Should -Be 2
            $rows[1].Latitude | Should -Be '54.4'
        }

        It 'takes an array through -InputObject' {
            $path = Join-Path $dir 'param.csv'
            Export-IgtimiData -Path $path -InputObject @(Get-TestPoints)
            @(Import-Csv -LiteralPath $path).Count | Should -Be 4
        }

        It 'reports other objects as IgtimiInvalidInput and exports the points' {
            $path = Join-Path $dir 'mixed.csv'
            $errs = $null
            @((Get-TestPoints)[0], 'not a point', (Get-TestPoints)[1]) | Export-IgtimiData -Path $path -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiInvalidInput,*'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidType'
            @(Import-Csv -LiteralPath $path).Count | Should -Be 2
        }

        It 'writes no file and warns for an empty pipeline' {
            $path = Join-Path $dir 'empty.csv'
            $warnings = $null
            $out = @() | Export-IgtimiData -Path $path -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $warnings.Count | Should -Be 1
            $warnings[0].Message | Should -Match 'No data points came in.*-AllowEmpty'
            Get-FolderItems $dir | Should -BeNullOrEmpty
        }

        It 'keeps an existing file when the pipeline is empty' {
            $path = Join-Path $dir 'old.gpx'
            Set-Content -LiteralPath $path -Value 'old'
            @() | Export-IgtimiData -Path $path -WarningAction SilentlyContinue
            Get-Content -LiteralPath $path | Should -Be 'old'
            Get-FolderItems $dir | Should -Be @('old.gpx')
        }

        It 'writes a header-only file for an empty pipeline with -AllowEmpty' {
            $path = Join-Path $dir 'empty.csv'
            $warnings = $null
            @() | Export-IgtimiData -Path $path -AllowEmpty -WarningVariable warnings
            $warnings | Should -BeNullOrEmpty
            Get-Content -LiteralPath $path | Should -Be 'SerialNumber,Timestamp,Latitude,Longitude'
        }
    }

    Context 'Format and path' {
        It 'takes the format from the extension: <Name>' -ForEach @(
            @{ Name = 'a.csv'; Probe = '^SerialNumber,' }
            @{ Name = 'a.gpx'; Probe = '^<\?xml' }
            @{ Name = 'a.geojson'; Probe = '^\{"type":"FeatureCollection"' }
            @{ Name = 'a.json'; Probe = '^\{"type":"FeatureCollection"' }
        ) {
            $path = Join-Path $dir $Name
            Get-TestPoints | Export-IgtimiData -Path $path
            Get-Content -LiteralPath $path -Raw | Should -Match $Probe
        }

        It 'lets -Format win over the extension' {
            $path = Join-Path $dir 'track.txt'
            Get-TestPoints | Export-IgtimiData -Path $path -Format GeoJson
            (Get-Content -LiteralPath $path -Raw | ConvertFrom-Json).type | Should -Be 'FeatureCollection'
        }

        It 'stops before writing when the extension tells no format' {
            $path = Join-Path $dir 'track.txt'
            $err = { Get-TestPoints | Export-IgtimiData -Path $path } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiInvalidParameter,*'
            $err.Exception.Message | Should -Match '\.csv, \.gpx, \.geojson, \.json'
            Get-FolderItems $dir | Should -BeNullOrEmpty
        }

        It 'stops with a clear error when the folder does not exist' {
            $err = { Get-TestPoints | Export-IgtimiData -Path (Join-Path $dir 'nope/race.csv') } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiOutFileFailed,*'
            $err.Exception.Message | Should -Match 'does not exist'
        }

        It 'resolves a relative path from the current location' {
            Push-Location $dir
            try { Get-TestPoints | Export-IgtimiData -Path 'rel.gpx' }
            finally { Pop-Location }
            Test-Path -LiteralPath (Join-Path $dir 'rel.gpx') | Should -BeTrue
        }

        It 'returns the file with -PassThru' {
            $path = Join-Path $dir 'race.gpx'
            $file = Get-TestPoints | Export-IgtimiData -Path $path -PassThru
            $file | Should -BeOfType ([System.IO.FileInfo])
            $file.FullName | Should -Be $path
            $file.Length | Should -BeGreaterThan 0
            # As Get-Item returns it: with the provider's properties.
            $item = Get-Item -LiteralPath $path
            foreach ($name in 'PSPath', 'PSParentPath', 'PSChildName', 'PSDrive', 'PSProvider', 'PSIsContainer') {
                $file.$name | Should -Be $item.$name -Because $name
            }
            $file.PSProvider.Name | Should -Be 'FileSystem'
        }
    }

    Context 'Existing files, -WhatIf and interruptions' {
        It 'writes nothing with -WhatIf' {
            $path = Join-Path $dir 'race.gpx'
            Get-TestPoints | Export-IgtimiData -Path $path -WhatIf
            Get-FolderItems $dir | Should -BeNullOrEmpty
        }

        It 'replaces an existing file, but not with -NoClobber' {
            $path = Join-Path $dir 'race.csv'
            Set-Content -LiteralPath $path -Value 'old'
            $err = { Get-TestPoints | Export-IgtimiData -Path $path -NoClobber } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiOutFileFailed,*'
            $err.CategoryInfo.Category | Should -Be 'ResourceExists'
            Get-Content -LiteralPath $path | Should -Be 'old'
            Get-FolderItems $dir | Should -Be @('race.csv')

            Get-TestPoints | Export-IgtimiData -Path $path
            @(Import-Csv -LiteralPath $path).Count | Should -Be 4
        }

        It 'replaces a read-only file only with -Force' {
            $path = Join-Path $dir 'locked.csv'
            Set-Content -LiteralPath $path -Value 'old'
            (Get-Item -LiteralPath $path).IsReadOnly = $true
            $err = { Get-TestPoints | Export-IgtimiData -Path $path } | Should -Throw -PassThru
            $err.Exception.Message | Should -Match 'read-only'
            Get-Content -LiteralPath $path | Should -Be 'old'
            Get-TestPoints | Export-IgtimiData -Path $path -Force
            @(Import-Csv -LiteralPath $path).Count | Should -Be 4
        }

        It 'leaves neither the file nor a .partial when the pipeline fails in the middle (<Format>)' -ForEach @(
            @{ Format = 'Csv' }, @{ Format = 'Gpx' }, @{ Format = 'GeoJson' }
        ) {
            $path = Join-Path $dir "boom.$Format"
            $points = @(Get-TestPoints)
            {
                1..3 | ForEach-Object {
                    if ($_ -eq 3) { throw 'boom' }
                    $points[$_]
                } | Export-IgtimiData -Path $path -Format $Format
            } | Should -Throw '*boom*'
            Get-FolderItems $dir | Should -BeNullOrEmpty
        }

        It 'keeps the old file when a replacement fails in the middle' {
            $path = Join-Path $dir 'keep.gpx'
            Set-Content -LiteralPath $path -Value 'old'
            { Get-TestPoints | ForEach-Object { $_; throw 'boom' } | Export-IgtimiData -Path $path } | Should -Throw '*boom*'
            Get-Content -LiteralPath $path | Should -Be 'old'
            Get-FolderItems $dir | Should -Be @('keep.gpx')
        }
    }

    Context 'Field formats' {
        BeforeAll {
            # Boat A with altitude, fix quality, satellites, HDOP, heading, STW and wind at its first position.
            function Get-FieldPoints {
                Get-TestPoints
                New-TestPoint 'DA-A' 5 $T0 3.5
                New-TestPoint 'DA-A' 2 $T0 1
                New-TestPoint 'DA-A' 3 $T0 9
                New-TestPoint 'DA-A' 4 $T0 0.8
                New-TestPoint 'DA-A' 8 $T0 40
                New-TestPoint 'DA-A' 10 $T0 16.668
                New-TestPoint 'DA-A' 11 $T0 -30
                New-TestPoint 'DA-A' 12 $T0 27.78
            }
        }

        It 'fills ele, fix, sat and hdop in GPX 1.1 and names tracks by -BoatName' {
            $path = Join-Path $dir 'field.gpx'
            Get-FieldPoints | Export-IgtimiData -Path $path -BoatName @{ 'da-a' = 'YB-1' }
            [xml] $gpx = Get-Content -LiteralPath $path -Raw
            @($gpx.gpx.trk.name) | Should -Be @('YB-1', 'DB-B')
            $first = @($gpx.gpx.trk)[0].trkseg.trkpt[0]
            $first.ele | Should -Be '3.5'
            $first.fix | Should -Be '3d'
            $first.sat | Should -Be '9'
            $first.hdop | Should -Be '0.8'
        }

        It 'writes GPX 1.0 with speed and course elements with -GpxVersion 1.0' {
            $path = Join-Path $dir 'field10.gpx'
            Get-FieldPoints | Export-IgtimiData -Path $path -GpxVersion 1.0
            [xml] $gpx = Get-Content -LiteralPath $path -Raw
            $gpx.DocumentElement.NamespaceURI | Should -Be 'http://www.topografix.com/GPX/1/0'
            $first = @($gpx.gpx.trk)[0].trkseg.trkpt[0]
            $first.course | Should -Be '45'
            [double] $first.speed | Should -Be 5.1444
            @($first.ChildNodes.LocalName) | Should -Be @('ele', 'time', 'course', 'speed', 'fix', 'sat', 'hdop')
        }

        It 'writes NMEA sentences with checksums from the extension .nmea' {
            $path = Join-Path $dir 'a.nmea'
            Get-FieldPoints | Where-Object SerialNumber -eq 'DA-A' | Export-IgtimiData -Path $path
            $lines = @(Get-Content -LiteralPath $path)
            $lines[0] | Should -Match '^\$GPRMC,100000\.123,A,5418\.000000,N,01006\.000000,E,10\.000,45\.00,010624,,,A\*[0-9A-F]{2}$'
            $lines | Should -Contain ($lines | Where-Object { $_ -like '$IIHDT,40.00,T*' })
            ($lines | Where-Object { $_ -like '$IIMWV,*' }) | Should -Match '^\$IIMWV,330\.00,R,15\.000,N,A\*'
            ($lines | Where-Object { $_ -like '$IIVHW,*' }) | Should -Match '^\$IIVHW,40\.00,T,,M,9\.000,N,16\.668,K\*'
            foreach ($line in $lines) {
                $sum = 0
                foreach ($c in $line.Substring(1, $line.IndexOf('*') - 1).ToCharArray()) { $sum = $sum -bxor [int] $c }
                $line.Substring($line.IndexOf('*') + 1) | Should -Be $sum.ToString('X2')
            }
        }

        It 'writes a KML Placemark per device and GeoJSON point features' {
            $kml = Join-Path $dir 'a.kml'
            Get-FieldPoints | Export-IgtimiData -Path $kml -BoatName @{ 'DB-B' = 'Bluebird' }
            [xml] $doc = Get-Content -LiteralPath $kml -Raw
            @($doc.kml.Document.Placemark.name) | Should -Be @('DA-A', 'Bluebird')
            @($doc.kml.Document.Placemark)[0].Track.when.Count | Should -Be 2

            $geo = Join-Path $dir 'points.geojson'
            Get-FieldPoints | Export-IgtimiData -Path $geo -PointFeatures
            $json = Get-Content -LiteralPath $geo -Raw | ConvertFrom-Json
            $json.features.Count | Should -Be 4
            $json.features[0].properties.headingDegrees | Should -Be 40
            $json.features[0].properties.apparentWindAngleDegrees | Should -Be 330
        }

        It 'stops when a format-only parameter meets another format (<Parameter>)' -ForEach @(
            @{ Parameter = 'GpxVersion'; Splat = @{ GpxVersion = '1.0' }; File = 'a.csv' }
            @{ Parameter = 'PointFeatures'; Splat = @{ PointFeatures = $true }; File = 'a.gpx' }
        ) {
            $path = Join-Path $dir $File
            $err = { Get-TestPoints | Export-IgtimiData -Path $path @Splat } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'IgtimiInvalidParameter,*'
            $err.Exception.Message | Should -Match "-$Parameter"
            Get-FolderItems $dir | Should -BeNullOrEmpty
        }

        It 'leaves no .partial when the process gets SIGTERM during an export' -Skip:($IsWindows) {
            $path = Join-Path $dir 'killed.gpx'
            $ready = Join-Path $dir 'ready.txt'
            $script = @"
Import-Module '$((Get-IgtimiTestPaths).Manifest)'
`$p = [Igtimi.Client.Data.IgtimiDataPoints]::Create('DA-A', 1, 0, $T0, [double[]](10.1, 54.3), `$null)
& { `$p; Set-Content -LiteralPath '$ready' -Value 1; Start-Sleep -Seconds 60 } | Export-IgtimiData -Path '$path'
"@
            $scriptFile = Join-Path $TestDrive 'sigterm.ps1'
            Set-Content -LiteralPath $scriptFile -Value $script
            $pwsh = Get-IgtimiTestPwsh
            $info = [Diagnostics.ProcessStartInfo]::new($pwsh.FilePath)
            foreach ($a in @($pwsh.Arguments) + '-NoProfile', '-NonInteractive', '-File', $scriptFile) { $info.ArgumentList.Add($a) }
            $info.UseShellExecute = $false
            $process = [Diagnostics.Process]::Start($info)
            try {
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (-not (Test-Path -LiteralPath $ready) -and [DateTime]::UtcNow -lt $deadline -and -not $process.HasExited) { Start-Sleep -Milliseconds 100 }
                Test-Path -LiteralPath $ready | Should -BeTrue -Because 'the child pwsh starts the export within a minute'
                @(Get-FolderItems $dir) -like 'killed.gpx.*.partial' | Should -HaveCount 1
                & kill -TERM $process.Id
                $process.WaitForExit(30000) | Should -BeTrue
            }
            finally {
                if (-not $process.HasExited) { $process.Kill($true) }
            }
            Get-FolderItems $dir | Should -Be @('ready.txt')
        }
    }

    Context 'Help' {
        It 'is exported with SupportsShouldProcess and the documented parameters' {
            $cmd = Get-Command Export-IgtimiData
            $cmd.Parameters.Keys | Should -Contain 'WhatIf'
            foreach ($p in 'Path', 'Format', 'InputObject', 'Force', 'NoClobber', 'PassThru', 'AllowEmpty', 'BoatName', 'Connection', 'GpxVersion', 'PointFeatures') {
                $cmd.Parameters.Keys | Should -Contain $p
            }
            $cmd.OutputType.Type | Should -Contain ([System.IO.FileInfo])
        }
    }
}
