# Every example of docs/en-US runs against the emulator on the examples' port and writes what its page shows.
# The conventions (not run, as, mask, emulator, `...` rows) are in HelpExamples.psm1.
# One page only:  IGTIMIPS_EXAMPLES_PAGE=Get-IgtimiDataType /work/tools/pester.sh tests/IgtimiPS.Tests/HelpExamples.Tests.ps1
# (a wildcard; several separated by commas), or Pester's -FullName filter on '<Page> example*'.
# IGTIMIPS_EXAMPLES_DUMP=<folder> also writes each example's actual output to <folder>/<Page>-<N>.txt, for updating a page.

BeforeDiscovery {
    Import-Module "$PSScriptRoot/HelpExamples.psm1" -Force
    $filter = if ($env:IGTIMIPS_EXAMPLES_PAGE) { @($env:IGTIMIPS_EXAMPLES_PAGE -split '\s*,\s*') } else { @('*') }
    $pages = foreach ($f in (Get-ChildItem (Join-Path $PSScriptRoot '../../docs/en-US') -Filter '*.md' | Sort-Object Name)) {
        if (-not @($filter | Where-Object { $f.BaseName -like $_ })) { continue }
        $examples = @(Read-HelpExample -Path $f.FullName)
        # Pester makes the keys of a hashtable into variables of the test; the example itself is $Example.
        $cases = @(foreach ($e in $examples) { @{ Example = $e; Number = $e.Number; Title = $e.Title; NotRun = $e.NotRun } })
        if ($cases.Count) { @{ Page = $f.BaseName; Examples = $cases } }
    }
    $notRun = @($pages | ForEach-Object { $_.Examples.Example } | Where-Object NotRun)
}

BeforeAll {
    . "$PSScriptRoot/TestSetup.ps1"
    Import-Module "$PSScriptRoot/HelpExamples.psm1" -Force
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ('igtimi-examples-' + [guid]::NewGuid().ToString('N'))
}

AfterAll {
    Stop-ExampleEmulator
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Help examples of <Page>' -ForEach $pages {
    BeforeAll {
        $script:results = Invoke-HelpExamplePage -Examples $Examples.Example -Folder (Join-Path $script:work $Page)
    }

    It '<Page> example <Number>: <Title>' -ForEach $Examples {
        if ($NotRun) { Set-ItResult -Skipped -Because "not run: $NotRun"; return }
        if ($env:IGTIMIPS_EXAMPLES_DUMP -and $script:results[$Number]) {
            $null = New-Item -ItemType Directory -Force -Path $env:IGTIMIPS_EXAMPLES_DUMP
            Set-Content -LiteralPath (Join-Path $env:IGTIMIPS_EXAMPLES_DUMP "$Page-$Number.txt") -Value $script:results[$Number].Text
        }
        $failure = Get-HelpExampleFailure -Example $Example -Result $script:results[$Number]
        if ($failure) { throw $failure }
    }
}

Describe 'Help examples that are not run' {
    It 'are few, each with its reason (<Count>)' -TestCases @(@{ Count = $notRun.Count; List = $notRun }) {
        foreach ($e in $List) { Write-Host "  not run: $($e.Page) example $($e.Number) ($($e.Title)): $($e.NotRun)" }
        $Count | Should -BeLessOrEqual 12
    }
}
