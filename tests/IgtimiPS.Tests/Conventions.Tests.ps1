# House rules every exported cmdlet must keep (docs/design/architecture.md): a help page without placeholders
# and with at least two examples, help that Get-Help reads from the MAML, [OutputType], a Pester test,
# and ShouldProcess on everything that may change state.
# Each cmdlet is its own test case, so a new cmdlet that breaks a rule shows up by name.

BeforeDiscovery {
    . "$PSScriptRoot/TestSetup.ps1"
    $cmdlets = @($module.ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_; Verb = ($_ -split '-', 2)[0] } })
    # Verbs that change state, or may: their cmdlets must support -WhatIf/-Confirm.
    $stateChangingVerbs = 'Set', 'New', 'Remove', 'Add', 'Clear', 'Update', 'Disconnect', 'Invoke', 'Publish', 'Register', 'Unregister'
    $stateChanging = @($cmdlets | Where-Object { $stateChangingVerbs -contains $_.Verb })
}

BeforeAll {
    . "$PSScriptRoot/TestSetup.ps1"
    $paths = Get-IgtimiTestPaths
    $script:DocsDir = $paths.Docs
    $script:ExpectedCmdlets = @((Import-PowerShellDataFile (Join-Path $paths.RepoRoot 'IgtimiPS.psd1')).CmdletsToExport | Sort-Object)
    $script:OtherTestFiles = @(Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1' | Where-Object Name -ne 'Conventions.Tests.ps1')

    function Get-ExampleCount([string] $Path) {
        # "### " headings inside "## EXAMPLES", ignoring anything inside code fences.
        $inExamples = $false; $inFence = $false; $count = 0
        foreach ($line in Get-Content $Path) {
            if ($line -match '^\s*(```|~~~)') { $inFence = -not $inFence; continue }
            if ($inFence) { continue }
            if ($line -match '^##\s+(.+?)\s*$') { $inExamples = $Matches[1] -eq 'EXAMPLES'; continue }
            if ($inExamples -and $line -match '^###\s+\S') { $count++ }
        }
        $count
    }
}

Describe 'The staged module' {
    It 'exports exactly the cmdlets the manifest lists' {
        @($Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $ExpectedCmdlets
    }

    It 'has the about_IgtimiPS help topic' {
        $about = Get-Help about_IgtimiPS
        $about | Should -Not -BeNullOrEmpty
        ($about | Out-String) | Should -Match 'IGTIMI_BASE_URI'
    }
}

Describe '<Name>' -ForEach $cmdlets {
    BeforeAll {
        $Page = Join-Path $DocsDir "$Name.md"
    }

    It 'has the help page docs/en-US/<Name>.md' {
        $Page | Should -Exist
    }

    It 'has no {{ placeholders }} on its page' {
        Get-Content $Page -Raw | Should -Not -Match '\{\{'
    }

    It 'has at least two examples on its page' {
        Get-ExampleCount $Page | Should -BeGreaterOrEqual 2
    }

    It 'gets its synopsis, description and examples in Get-Help from the MAML help' {
        $help = Get-Help $Name -Full
        # Without MAML, Get-Help makes up a stub whose synopsis is the syntax and that has no examples.
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -Match "^$([regex]::Escape($Name))(\s|\[|$)"
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        $help.PSObject.Properties['examples'] | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }

    It 'declares [OutputType]' {
        @((Get-Command $Name).OutputType).Count | Should -BeGreaterThan 0
    }

    It 'is exercised by a Pester test file' {
        $pattern = "(?<![\w-])$([regex]::Escape($Name))(?![\w-])"
        $mentions = @($OtherTestFiles | Select-String -Pattern $pattern -List)
        $mentions.Count | Should -BeGreaterThan 0 -Because "some tests/IgtimiPS.Tests/*.Tests.ps1 other than Conventions should test $Name"
    }
}

Describe 'ShouldProcess' {
    It 'Invoke-IgtimiApi supports -WhatIf and -Confirm (every method but GET is under ShouldProcess)' {
        $command = Get-Command Invoke-IgtimiApi
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
    }

    It '<Name> supports ShouldProcess' -ForEach $stateChanging {
        $command = Get-Command $Name
        $binding = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true) | Select-Object -First 1
        $binding.SupportsShouldProcess | Should -BeTrue
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
    }
}
