# Export-IgtimiRace against the emulator in both flavors: the first Auckland race of the regatta (boats, marks and wind
# from its session log) drawn as HTML, SVG and KML. The HTML and SVG are opened in headless Chromium (Chromium.psm1,
# DevTools protocol): one track per boat, every mark, the slider moves each boat to its position at a chosen time
# (checked against the downloaded positions and the projection the SVG declares), and a screenshot. Without a browser
# those tests are skipped and say why. The KML is read back as XML, and by GDAL (ogrinfo) where it is installed. The race
# is also archived with Save-IgtimiData and drawn from the archive in a pwsh with no connection at all.
BeforeAll {
    . "$PSScriptRoot/TestSetup.ps1"
    Import-Module "$PSScriptRoot/Chromium.psm1" -Force
    $script:common = @('--anchor-date', '2025-06-15')
    $script:emu = Start-IgtimiTestEmulator -ExtraArgs $common
    $script:sapEmu = Start-IgtimiTestEmulator -ExtraArgs ($common + '--flavor', 'sap', '--sap-lock-ms', '0')
    $script:owner = Connect-Igtimi -BaseUri $emu.BaseUri -AccessToken $secrets.Tokens.owner -PassThru
    $script:sap = Connect-Igtimi -BaseUri $sapEmu.BaseUri -AccessToken $secrets.SapTokens.owner -PassThru
    $script:dir = Join-Path $TestDrive 'race'
    $null = New-Item -ItemType Directory -Path $dir
    $script:screenshots = Join-Path (Get-IgtimiTestPaths).RepoRoot 'out/screenshots'
    $null = New-Item -ItemType Directory -Path $screenshots -Force

    # What the log says, for checking the page against: boats from its yachts and device links, marks from its buoys.
    $session = Get-IgtimiSession -Connection $owner | Where-Object Name -like 'Auckland*' | Sort-Object StartTime | Select-Object -First 1
    $log = @(Get-IgtimiSessionLog -SessionId $session.Id -Connection $owner)
    $links = @{}
    $log | Where-Object Kind -eq DeviceLink | ForEach-Object { $links[$_.ObjectId] = $_.SerialNumber }
    $boats = $log | Where-Object { $_.Kind -eq 'RaceObjectData' -and $_.ObjectType -eq 'yacht' -and $links[$_.ObjectId] } | ForEach-Object {
        [Igtimi.Client.Races.IgtimiRaceBoat]@{ SerialNumber = $links[$_.ObjectId]; BoatName = $_.Name; SailNumber = $_.BoatNumber; Crew = $_.Crew }
    }
    $marks = $log | Where-Object { $_.Kind -eq 'RaceObjectData' -and $_.ObjectType -eq 'buoy' } | ForEach-Object {
        [Igtimi.Client.Races.IgtimiRaceMark]@{ Name = $_.Name; Latitude = $_.Positions[0].Latitude; Longitude = $_.Positions[0].Longitude; BuoyType = $_.BuoyType }
    }
    $wind = $log | Where-Object ManualWindDirection | ForEach-Object {
        [Igtimi.Client.Races.IgtimiManualWind]@{ Time = $session.StartTime; DirectionDegrees = $_.ManualWindDirection; SpeedKnots = $_.ManualWindSpeedKnots }
    }
    # The race as Get-IgtimiRace builds it from the session and its log, with the course sailed (the emulator's logs name none).
    function New-TestRace([switch] $NoWind) {
        $r = Get-IgtimiRace -SessionId $session.Id -Connection $owner -WarningAction SilentlyContinue
        $r.Course = [string[]] @('Windward mark', 'Leeward gate port', 'Windward mark')
        if ($NoWind) { $r.ManualWind = [Igtimi.Client.Races.IgtimiManualWind[]] @(); $r.CourseDirection = $null }
        $r
    }
    $script:race = New-TestRace
    $script:html = Join-Path $dir 'race.html'
    $script:svg = Join-Path $dir 'race.svg'
    $script:kml = Join-Path $dir 'race.kml'
    $script:file = $race | Export-IgtimiRace -Path $html -PassThru -Connection $owner
    $race | Export-IgtimiRace -Path $svg -Connection $owner
    $race | Export-IgtimiRace -Path $kml -Connection $owner
    # The positions the picture must agree with, downloaded independently.
    $script:positions = @{}
    Get-IgtimiData -SerialNumber $race.Boats.SerialNumber -Start $race.Start -End $race.End -Type gps_latlong -Connection $owner |
        Group-Object SerialNumber | ForEach-Object { $positions[$_.Name] = @($_.Group | Sort-Object UnixTimeMilliseconds) }

    # The position of a boat at a time: linear between the downloaded positions around it.
    function Get-ExpectedPosition([string] $Serial, [long] $Time) {
        $list = $positions[$Serial]
        $after = 0
        while ($after -lt $list.Count -and $list[$after].UnixTimeMilliseconds -lt $Time) { $after++ }
        if ($after -lt $list.Count -and $list[$after].UnixTimeMilliseconds -eq $Time) { return $list[$after] }
        $a = $list[$after - 1]; $b = $list[$after]
        $f = ($Time - $a.UnixTimeMilliseconds) / ($b.UnixTimeMilliseconds - $a.UnixTimeMilliseconds)
        [pscustomobject]@{ Latitude = $a.Latitude + $f * ($b.Latitude - $a.Latitude); Longitude = $a.Longitude + $f * ($b.Longitude - $a.Longitude) }
    }

    # The map coordinates of a position by the projection the SVG declares (docs/en-US/Export-IgtimiRace.md).
    function ConvertTo-MapPoint($Projection, $Position) {
        $r = 6371008.8 * [Math]::PI / 180
        [pscustomobject]@{
            X = $Projection.cx + ($Position.Longitude - $Projection.lon0) * [Math]::Cos($Projection.lat0 * [Math]::PI / 180) * $r * $Projection.scale
            Y = $Projection.cy - ($Position.Latitude - $Projection.lat0) * $r * $Projection.scale
        }
    }

    $script:projectionJs = "(() => { const d = document.getElementById('race-map').dataset; " +
        "return { lat0: +d.lat0, lon0: +d.lon0, scale: +d.scale, cx: +d.cx, cy: +d.cy }; })()"
    $script:boatsJs = "Array.from(document.querySelectorAll('#boats .boat')).map(g => ({ serial: g.dataset.serial, " +
        "x: +g.querySelector('circle').getAttribute('cx'), y: +g.querySelector('circle').getAttribute('cy'), idle: g.classList.contains('idle') }))"

    $script:browser = Start-TestChromium -Width 1200 -Height 900
    $script:noBrowser = 'no Chromium here (install the chromium package, or set IGTIMIPS_CHROMIUM to a Chromium or Chrome binary)'
}

AfterAll {
    Stop-TestChromium $browser
    Get-IgtimiConnection -All | Disconnect-Igtimi
    Stop-IgtimiTestEmulator $emu
    Stop-IgtimiTestEmulator $sapEmu
}

Describe 'Export-IgtimiRace' {
    Context 'The HTML page in headless Chromium' {
        BeforeAll {
            if ($browser) { Open-TestChromiumPage $browser ([uri]::new($html, 'Absolute').AbsoluteUri) }
        }

        It 'draws one track per boat, named, every mark, and reports no script or network error' {
            if (-not $browser) { Set-ItResult -Skipped -Because $noBrowser; return }
            $tracks = Invoke-TestChromiumScript $browser ("Array.from(document.querySelectorAll('#tracks .track')).map(t => " +
                "({ serial: t.dataset.serial, boat: t.dataset.boat, width: t.getBBox().width, height: t.getBBox().height }))")
            @($tracks).Count | Should -Be $race.Boats.Count
            @($tracks.serial | Sort-Object) | Should -Be @($race.Boats.SerialNumber | Sort-Object)
            @($tracks.boat | Sort-Object) | Should -Be @($race.Boats.BoatName | Sort-Object)
            $tracks | ForEach-Object { $_.width * $_.height | Should -BeGreaterThan 100 }
            $markNames = Invoke-TestChromiumScript $browser "Array.from(document.querySelectorAll('#marks .mark')).map(m => m.dataset.name)"
            @($markNames | Sort-Object) | Should -Be @($race.Marks.Name | Sort-Object)
            Invoke-TestChromiumScript $browser "document.querySelectorAll('#legend .legend-boat').length" | Should -Be $race.Boats.Count
            Invoke-TestChromiumScript $browser "document.querySelector('#wind').dataset.direction" | Should -Be ([string] $race.ManualWind[0].DirectionDegrees)
            Invoke-TestChromiumScript $browser "document.querySelectorAll('#sog-plot .series').length" | Should -Be $race.Boats.Count
            Invoke-TestChromiumScript $browser "document.querySelectorAll('#vmg-plot .series').length" | Should -Be $race.Boats.Count
            Invoke-TestChromiumScript $browser "!!document.querySelector('#course .start-line')" | Should -BeTrue
            @(Get-TestChromiumProblem $browser) | Should -BeNullOrEmpty
        }

        It 'moves every boat to its position at the time the slider is set to (<Seconds> s after the start)' -ForEach @(
            @{ Seconds = 613 }, @{ Seconds = 2000 }
        ) {
            if (-not $browser) { Set-ItResult -Skipped -Because $noBrowser; return }
            $projection = Invoke-TestChromiumScript $browser $projectionJs
            $clock = Invoke-TestChromiumScript $browser ("(() => { const s = document.getElementById('time'); s.value = $Seconds; " +
                "s.dispatchEvent(new Event('input')); return document.getElementById('clock').textContent; })()")
            $time = $race.Start.AddSeconds($Seconds)
            $clock | Should -BeLike ('{0:HH:mm:ss} UTC*' -f $time.UtcDateTime)
            $drawn = @(Invoke-TestChromiumScript $browser $boatsJs)
            $drawn.Count | Should -Be $race.Boats.Count
            foreach ($boat in $drawn) {
                $expected = ConvertTo-MapPoint $projection (Get-ExpectedPosition $boat.serial $time.ToUnixTimeMilliseconds())
                [Math]::Abs($boat.x - $expected.X) | Should -BeLessThan 0.15 -Because "$($boat.serial) x at +$Seconds s"
                [Math]::Abs($boat.y - $expected.Y) | Should -BeLessThan 0.15 -Because "$($boat.serial) y at +$Seconds s"
                $boat.idle | Should -BeFalse
            }
            # The plots' cursors follow the slider.
            $plot = Invoke-TestChromiumScript $browser ("(() => { const p = document.getElementById('sog-plot'); " +
                "return { x0: +p.dataset.x0, x1: +p.dataset.x1, cursor: +p.querySelector('.cursor').getAttribute('x1') }; })()")
            $at = $plot.x0 + ($plot.x1 - $plot.x0) * $Seconds / ($race.End - $race.Start).TotalSeconds
            [Math]::Abs($plot.cursor - $at) | Should -BeLessThan 0.1
        }

        It 'plays the race from the slider on' {
            if (-not $browser) { Set-ItResult -Skipped -Because $noBrowser; return }
            $null = Invoke-TestChromiumScript $browser ("(() => { const s = document.getElementById('time'); s.value = 100; " +
                "s.dispatchEvent(new Event('input')); " +
                "document.getElementById('play').click(); })()")
            $before = @(Invoke-TestChromiumScript $browser $boatsJs)
            $value = Invoke-TestChromiumScript $browser ("new Promise(r => setTimeout(() => { document.getElementById('play').click(); " +
                "r(+document.getElementById('time').value); }, 600))")
            $value | Should -BeGreaterThan 110
            $after = @(Invoke-TestChromiumScript $browser $boatsJs)
            @(0..($after.Count - 1) | Where-Object { $after[$_].x -ne $before[$_].x -or $after[$_].y -ne $before[$_].y }).Count | Should -BeGreaterThan 0
        }

        It 'saves a screenshot of the page' {
            if (-not $browser) { Set-ItResult -Skipped -Because $noBrowser; return }
            $null = Invoke-TestChromiumScript $browser ("(() => { const s = document.getElementById('time'); s.value = 1200; " +
                "s.dispatchEvent(new Event('input')); })()")
            $shot = Save-TestChromiumScreenshot $browser (Join-Path $screenshots 'race.png')
            $bytes = [IO.File]::ReadAllBytes($shot.FullName)
            [BitConverter]::ToString($bytes, 0, 8) | Should -Be '89-50-4E-47-0D-0A-1A-0A'
            $shot.Length | Should -BeGreaterThan 50KB
        }
    }

    Context 'The SVG picture in headless Chromium' {
        It 'renders one track per boat, the marks, and each boat at its last position' {
            if (-not $browser) { Set-ItResult -Skipped -Because $noBrowser; return }
            Open-TestChromiumPage $browser ([uri]::new($svg, 'Absolute').AbsoluteUri)
            Invoke-TestChromiumScript $browser 'document.documentElement.localName' | Should -Be 'svg'
            Invoke-TestChromiumScript $browser "document.querySelectorAll('#tracks .track').length" | Should -Be $race.Boats.Count
            Invoke-TestChromiumScript $browser "document.querySelectorAll('#marks .mark').length" | Should -Be $race.Marks.Count
            Invoke-TestChromiumScript $browser "document.getElementById('tracks').getBBox().width" | Should -BeGreaterThan 100
            $projection = Invoke-TestChromiumScript $browser $projectionJs
            foreach ($boat in @(Invoke-TestChromiumScript $browser $boatsJs)) {
                $expected = ConvertTo-MapPoint $projection $positions[$boat.serial][-1]
                [Math]::Abs($boat.x - $expected.X) | Should -BeLessThan 0.1
                [Math]::Abs($boat.y - $expected.Y) | Should -BeLessThan 0.1
            }
            @(Get-TestChromiumProblem $browser) | Should -BeNullOrEmpty
            $shot = Save-TestChromiumScreenshot $browser (Join-Path $screenshots 'race-svg.png')
            $shot.Length | Should -BeGreaterThan 20KB
        }
    }

    Context 'The files' {
        It 'writes an HTML page that needs no network: a strict Content-Security-Policy and no outside address' {
            $file.FullName | Should -Be $html
            $text = Get-Content -LiteralPath $html -Raw
            $text | Should -Match "<meta http-equiv=""Content-Security-Policy"" content=""default-src 'none';"
            [regex]::Matches($text, 'https?://[^"''\s<)]+').Value | Sort-Object -Unique | Should -Be 'http://www.w3.org/2000/svg'
            @(Get-ChildItem -LiteralPath $dir -Filter '*.partial').Count | Should -Be 0
        }

        It 'writes KML with a timed track per boat, the marks and the course' {
            [xml] $doc = Get-Content -LiteralPath $kml -Raw
            $ns = @{ k = 'http://www.opengis.net/kml/2.2'; gx = 'http://www.google.com/kml/ext/2.2' }
            $boatsFolder = Select-Xml -Xml $doc -XPath "//k:Folder[k:name='Boats']/k:Placemark" -Namespace $ns
            @($boatsFolder).Count | Should -Be $race.Boats.Count
            $first = $boatsFolder[0].Node
            $first.name | Should -Be $race.Boats[0].BoatName
            @($first.Track.when).Count | Should -Be $positions[$race.Boats[0].SerialNumber].Count
            @(Select-Xml -Xml $doc -XPath "//k:Folder[k:name='Marks']/k:Placemark" -Namespace $ns).Count | Should -Be $race.Marks.Count
            @(Select-Xml -Xml $doc -XPath "//k:Placemark[k:name='Course']/k:LineString" -Namespace $ns).Count | Should -Be 1
        }

        It 'writes KML that GDAL reads: <Count> features in the layer <Layer>' -ForEach @(
            @{ Layer = 'Boats'; Count = 12 }, @{ Layer = 'Marks'; Count = 5 }, @{ Layer = 'Course'; Count = 2 }
        ) {
            if (-not (Get-Command ogrinfo -ErrorAction Ignore)) { Set-ItResult -Skipped -Because 'GDAL (ogrinfo) is not installed'; return }
            $out = & ogrinfo -ro -so $kml $Layer 2>&1
            $LASTEXITCODE | Should -Be 0
            ($out -match '^Feature Count: (\d+)') | Should -Be "Feature Count: $Count"
        }

        It 'leaves the VMG plot out, with a note, when the race has no wind' {
            $path = Join-Path $dir 'nowind.html'
            New-TestRace -NoWind | Export-IgtimiRace -Path $path -Connection $owner -Verbose 4>&1 | Out-Null
            $text = Get-Content -LiteralPath $path -Raw
            $text | Should -Not -Match 'id="vmg-plot"'
            $text | Should -Not -Match 'id="wind"'
            $text | Should -Match '<li class="note">VMG is not shown: the race has no manual wind and no course direction'
            $text | Should -Match 'id="sog-plot"'
        }

        It 'takes the format from the extension or -Format, and refuses an unknown extension before any request' {
            $path = Join-Path $dir 'race.picture'
            { $race | Export-IgtimiRace -Path $path -Connection $owner -ErrorAction Stop } |
                Should -Throw -ErrorId 'IgtimiInvalidParameter,IgtimiPS.Cmdlets.Races.ExportIgtimiRaceCmdlet'
            $race | Export-IgtimiRace -Path $path -Format Svg -Connection $owner
            ([xml] (Get-Content -LiteralPath $path -Raw)).DocumentElement.LocalName | Should -Be 'svg'
        }

        It 'keeps an existing file with -NoClobber and writes nothing with -WhatIf' {
            $before = (Get-Item -LiteralPath $svg).LastWriteTimeUtc
            { $race | Export-IgtimiRace -Path $svg -NoClobber -Connection $owner -ErrorAction Stop } | Should -Throw -ErrorId 'IgtimiOutFileFailed,*'
            $path = Join-Path $dir 'whatif.html'
            $race | Export-IgtimiRace -Path $path -WhatIf -Connection $owner
            Test-Path -LiteralPath $path | Should -BeFalse
            (Get-Item -LiteralPath $svg).LastWriteTimeUtc | Should -Be $before
        }

        It 'makes a race of -Start, -End and -SerialNumber, naming boats by -BoatName, else by device name' {
            $path = Join-Path $dir 'window.html'
            $serials = $race.Boats.SerialNumber | Select-Object -First 3
            Export-IgtimiRace -Path $path -Start $race.Start -End $race.Start.AddMinutes(10) -SerialNumber $serials -BoatName 'Alpha', 'Bravo' `
                -Name Practice -Connection $owner
            $text = Get-Content -LiteralPath $path -Raw
            $names = [regex]::Matches($text, '<g class="track" data-serial="([^"]+)" data-boat="([^"]+)"') | ForEach-Object { $_.Groups[2].Value }
            $third = (Get-IgtimiDevice -Connection $owner | Where-Object SerialNumber -eq $serials[2]).Name
            $names | Should -Be @('Alpha', 'Bravo', $third)
            $text | Should -Match '<title>Practice</title>'
        }

        It 'warns about a boat without positions and keeps it in the legend only' {
            $path = Join-Path $dir 'ghost.svg'
            $ghost = New-TestRace
            $nobody = [Igtimi.Client.Races.IgtimiRaceBoat]@{ SerialNumber = 'ZZ-ZZ-ZZZZ'; BoatName = 'Ghost' }
            $ghost.Boats = [Igtimi.Client.Races.IgtimiRaceBoat[]] @($race.Boats[0], $nobody)
            $warnings = $ghost | Export-IgtimiRace -Path $path -Connection $owner 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }
            @($warnings.Message) -like '*Ghost (ZZ-ZZ-ZZZZ) has no positions*' | Should -Not -BeNullOrEmpty
            [xml] $doc = Get-Content -LiteralPath $path -Raw
            $ns = @{ s = 'http://www.w3.org/2000/svg' }
            @(Select-Xml -Xml $doc -XPath "//s:g[@class='track']" -Namespace $ns).Count | Should -Be 1
            @(Select-Xml -Xml $doc -XPath "//s:g[@class='legend-boat']" -Namespace $ns).Count | Should -Be 2
        }

        It 'writes one race per file: a second race from the pipeline is an error' {
            $path = Join-Path $dir 'two.svg'
            $errors = $null
            $race, (New-TestRace) | Export-IgtimiRace -Path $path -Connection $owner -ErrorVariable errors -ErrorAction SilentlyContinue
            @($errors).Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'IgtimiInvalidInput,*'
            Test-Path -LiteralPath $path | Should -BeTrue
        }
    }

    Context 'Drawn from a Save-IgtimiData archive, offline' {
        BeforeAll {
            $script:archive = Join-Path $TestDrive 'archive'
            $null = $race | Save-IgtimiData -Path $archive -Type gps_latlong, cog, sog -Connection $owner
            $script:serials = @($race.Boats.SerialNumber | Select-Object -First 2)
        }

        It 'draws the same race from the archive, byte for byte, in a pwsh with no connection, also from an Import-Clixml copy' {
            $race | Export-Clixml -Path (Join-Path $dir 'race.xml')
            $window = Join-Path $dir 'window.svg'
            Export-IgtimiRace -Path $window -Start $race.Start -End $race.End -SerialNumber $serials -BoatName A, B -Connection $owner
            $command = "Import-Module '$((Get-IgtimiTestPaths).Manifest)'; `$ErrorActionPreference = 'Stop'; Set-Location '$dir'; " +
                "if (Get-IgtimiConnection -All) { throw 'connected' }; " +
                "Import-Clixml race.xml | Export-IgtimiRace -Path offline.html -Archive '$archive'; " +
                "Export-IgtimiRace -Path offline.svg -Archive '$archive' -Start '$($race.Start.ToString('o'))' -End '$($race.End.ToString('o'))' " +
                "-SerialNumber $($serials -join ',') -BoatName A, B; 'drawn'"
            $child = Invoke-IgtimiTestPwsh $command -Environment @{ IGTIMI_ACCESS_TOKEN = $null; IGTIMI_BASE_URI = $null }
            $child.Output | Should -Be 'drawn' -Because $child.ErrorText
            (Get-FileHash -LiteralPath (Join-Path $dir 'offline.html')).Hash | Should -Be (Get-FileHash -LiteralPath $html).Hash
            (Get-FileHash -LiteralPath (Join-Path $dir 'offline.svg')).Hash | Should -Be (Get-FileHash -LiteralPath $window).Hash
        }

        It 'warns about each boat for the days of the race the archive lacks' {
            $path = Join-Path $dir 'two-days.svg'
            $warnings = Export-IgtimiRace -Path $path -Archive $archive -Start $race.Start -End $race.Start.AddDays(1) -SerialNumber $serials 3>&1
            $day = $race.Start.AddDays(1).UtcDateTime.ToString('yyyy-MM-dd')
            @($warnings.Message) | Should -Be @($serials | ForEach-Object { "The archive has no data of $_ on $day; its track lacks that part of the race." })
            Select-String -LiteralPath $path -Pattern '<g class="track"' | Should -HaveCount 2
        }

        It 'stops with IgtimiArchiveMissingData, and writes nothing, when the archive holds nothing of the race' {
            $other = Join-Path $TestDrive 'other-day'
            $null = Save-IgtimiData -Path $other -SerialNumber $serials[0] -Start $race.Start.AddDays(1) -End $race.Start.AddDays(1) -Type sog -Connection $owner
            $path = Join-Path $dir 'nothing.html'
            { $race | Export-IgtimiRace -Path $path -Archive $other -ErrorAction Stop } |
                Should -Throw -ErrorId 'IgtimiArchiveMissingData,IgtimiPS.Cmdlets.Races.ExportIgtimiRaceCmdlet'
            { $race | Export-IgtimiRace -Path $path -Archive $TestDrive -ErrorAction Stop } | Should -Throw -ErrorId 'IgtimiArchiveInvalid,*'
            { $race | Export-IgtimiRace -Path $path -Archive $archive -Connection $owner -ErrorAction Stop } | Should -Throw -ErrorId 'IgtimiInvalidParameter,*'
            Test-Path -LiteralPath $path | Should -BeFalse
        }
    }

    Context 'The SAP flavor' {
        It 'draws the same race from the SAP server, byte for byte' {
            $path = Join-Path $dir 'sap.html'
            $race | Export-IgtimiRace -Path $path -Connection $sap
            (Get-FileHash -LiteralPath $path).Hash | Should -Be (Get-FileHash -LiteralPath $html).Hash
        }

        It 'makes a race of -Start, -End and -SerialNumber on SAP, which has no sessions' {
            $path = Join-Path $dir 'sap.kml'
            Export-IgtimiRace -Path $path -Start $race.Start -End $race.Start.AddMinutes(5) -SerialNumber $race.Boats.SerialNumber -Connection $sap
            [xml] $doc = Get-Content -LiteralPath $path -Raw
            $ns = @{ k = 'http://www.opengis.net/kml/2.2' }
            @(Select-Xml -Xml $doc -XPath "//k:Folder[k:name='Boats']/k:Placemark" -Namespace $ns).Count | Should -Be $race.Boats.Count
        }
    }
}
