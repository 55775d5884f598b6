# HelpBuilder.psm1: turns PlatyPS-schema markdown (schema 2.0.0) into the help files PowerShell reads.
#
#   docs/en-US/<Cmdlet>.md        -> en-US/IgtimiPS.dll-Help.xml  (MAML, one command:command per page)
#   docs/en-US/about_<Topic>.md   -> en-US/about_<Topic>.help.txt (plain text, PlatyPS about layout)
#
# Our own small converter, so the build needs nothing beyond the .NET SDK and the pinned pwsh.
# It reads the markdown line by line: headings outside code fences split the page into sections,
# each section is a list of nodes (H3 headings, paragraphs, code blocks), and the MAML writer walks them.
# Used by build.ps1 (Docs task); importable on its own to try a page: Import-Module ./build/HelpBuilder.psm1.

Set-StrictMode -Version Latest

$script:Ns = @{
    Msh     = 'http://msh'
    Maml    = 'http://schemas.microsoft.com/maml/2004/10'
    Command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    Dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

$script:PlaceholderPattern = '\{\{.*?\}\}'

#region Markdown reading

function Read-MarkdownDocument {
    # Splits a markdown file into front matter, title (H1) and H2 sections of nodes.
    # Nodes: @{ Kind = 'H3'|'Para'|'Code'; Text; Lang; Line }
    param([Parameter(Mandatory)][string] $Path)

    $lines = [System.IO.File]::ReadAllText($Path) -replace "`r`n", "`n" -split "`n"
    $doc = [ordered]@{
        Path        = $Path
        FrontMatter = [ordered]@{}
        Title       = $null
        Headings    = [System.Collections.Generic.List[object]]::new()   # all headings in order (about topics)
        Sections    = [ordered]@{}                                        # H2 name (upper case) -> nodes
        Nodes       = [System.Collections.Generic.List[object]]::new()   # every node in order (about topics)
    }

    $i = 0
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        $i = 1
        while ($i -lt $lines.Count -and $lines[$i].Trim() -ne '---') {
            if ($lines[$i] -match '^\s*([^:#]+?)\s*:\s*(.*?)\s*$') { $doc.FrontMatter[$Matches[1]] = $Matches[2] }
            $i++
        }
        $i++   # skip the closing ---
    }

    $current = $null      # node list of the current H2 section
    $para = [System.Collections.Generic.List[string]]::new()
    $paraLine = 0

    $flushPara = {
        if ($para.Count -gt 0) {
            $node = @{ Kind = 'Para'; Text = ($para -join "`n"); Line = $paraLine }
            $doc.Nodes.Add($node)
            if ($null -ne $current) { $current.Add($node) }
            $para.Clear()
        }
    }

    for (; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^\s*(```+|~~~+)\s*([\w.+-]*)') {
            . $flushPara
            $fence = $Matches[1]; $lang = $Matches[2]; $start = $i + 1
            $code = [System.Collections.Generic.List[string]]::new()
            $i++
            while ($i -lt $lines.Count -and -not $lines[$i].TrimStart().StartsWith($fence)) { $code.Add($lines[$i]); $i++ }
            if ($i -ge $lines.Count) { throw "$($Path):$($start): code block is not closed." }
            $node = @{ Kind = 'Code'; Lang = $lang; Text = ($code -join "`n"); Line = $start }
            $doc.Nodes.Add($node)
            if ($null -ne $current) { $current.Add($node) }
            continue
        }
        if ($line -match '^(#{1,6})\s+(.*?)\s*#*\s*$') {
            . $flushPara
            $level = $Matches[1].Length; $text = $Matches[2]
            $heading = @{ Kind = "H$level"; Level = $level; Text = $text; Line = $i + 1 }
            $doc.Headings.Add($heading)
            $doc.Nodes.Add($heading)
            if ($level -eq 1 -and $null -eq $doc.Title) { $doc.Title = $text; $current = $null }
            elseif ($level -eq 2) {
                $current = [System.Collections.Generic.List[object]]::new()
                $doc.Sections[$text.Trim().ToUpperInvariant()] = $current
            }
            elseif ($null -ne $current) { $current.Add($heading) }
            continue
        }
        if ($line.Trim() -eq '') { . $flushPara; continue }
        # One-line HTML comments are notes for tools (the help-example runner's directives), not help text.
        if ($line -match '^\s*<!--.*-->\s*$') { . $flushPara; continue }
        if ($para.Count -eq 0) { $paraLine = $i + 1 }
        $para.Add($line)
    }
    . $flushPara
    [pscustomobject]$doc
}

function ConvertTo-HelpParagraphs {
    # Markdown paragraphs -> MAML paragraphs. Lines of a paragraph are joined with spaces, except
    # list items, which stay one paragraph each. Code blocks keep their lines.
    param([object[]] $Nodes)
    $out = [System.Collections.Generic.List[string]]::new()
    foreach ($node in $Nodes) {
        if ($node.Kind -eq 'Code') {
            foreach ($l in ($node.Text -split "`n")) { $out.Add('    ' + $l) }
            continue
        }
        if ($node.Kind -ne 'Para') { continue }
        $text = $node.Text -replace '\*\*(.+?)\*\*', '$1' -replace '(?<!\w)__(.+?)__(?!\w)', '$1'
        $text = $text -replace '\[([^\]]+)\]\(([a-z]+://[^)]+)\)', '$1 ($2)' -replace '\[([^\]]+)\]\([^)]*\)', '$1'
        $buffer = ''
        foreach ($l in ($text -split "`n")) {
            $t = $l.Trim()
            if ($t -match '^([-*+]|\d+\.)\s+') {
                # list items stay one per line, in one paragraph
                $buffer = if ($buffer) { "$buffer`n$t" } else { $t }
            }
            else { $buffer = if ($buffer) { "$buffer $t" } else { $t } }
        }
        if ($buffer) { $out.Add($buffer) }
    }
    $out.ToArray()
}

function Get-SectionNodes {
    param($Doc, [string] $Name)
    if ($Doc.Sections.Contains($Name)) { return , @($Doc.Sections[$Name]) }
    , @()
}

function Split-ByH3 {
    # Groups a section's nodes under their H3 headings: @{ Title; Line; Nodes }
    param([object[]] $Nodes)
    $groups = [System.Collections.Generic.List[object]]::new()
    $g = $null
    foreach ($n in $Nodes) {
        if ($n.Kind -eq 'H3') {
            $g = [pscustomobject]@{ Title = $n.Text.Trim(); Line = $n.Line; Nodes = [System.Collections.Generic.List[object]]::new() }
            $groups.Add($g)
        }
        elseif ($null -ne $g) { $g.Nodes.Add($n) }
    }
    , $groups.ToArray()
}

#endregion

#region Cmdlet page model

function ConvertFrom-YamlMetadata {
    param([string] $Text)
    $meta = [ordered]@{}
    foreach ($l in ($Text -split "`n")) {
        if ($l -match '^\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(.*?)\s*$') { $meta[$Matches[1].ToLowerInvariant()] = $Matches[2] }
    }
    $list = {
        param($v)
        if ([string]::IsNullOrWhiteSpace($v) -or $v -eq 'None') { return , @() }
        , @($v -split '\s*,\s*' | Where-Object { $_ })
    }
    $get = { param($k, $default) if ($meta.Contains($k) -and $meta[$k] -ne '') { $meta[$k] } else { $default } }
    [pscustomobject]@{
        Type           = & $get 'type' 'Object'
        ParameterSets  = & $list (& $get 'parameter sets' '(All)')
        Aliases        = & $list (& $get 'aliases' '')
        AcceptedValues = & $list (& $get 'accepted values' '')
        Required       = (& $get 'required' 'False') -eq 'True'
        RequiredText   = & $get 'required' ''
        Position       = & $get 'position' 'Named'
        DefaultValue   = & $get 'default value' 'None'
        PipelineInput  = & $get 'accept pipeline input' 'False'
        Globbing       = (& $get 'accept wildcard characters' 'False') -eq 'True'
    }
}

function Read-CmdletHelpPage {
    <#
    .SYNOPSIS
    Parses one PlatyPS cmdlet page into a model and lists what is wrong with it.
    Returns @{ Name; Synopsis; ...; Problems = string[] }.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Path)

    $doc = Read-MarkdownDocument -Path $Path
    $problems = [System.Collections.Generic.List[string]]::new()
    $file = Split-Path $Path -Leaf
    $raw = [System.IO.File]::ReadAllText($Path)

    foreach ($m in [regex]::Matches($raw, $script:PlaceholderPattern)) {
        $line = ($raw.Substring(0, $m.Index) -split "`n").Count
        $problems.Add("line $($line): placeholder $($m.Value)")
    }
    if ($doc.FrontMatter.Count -eq 0) { $problems.Add('no YAML front matter (external help file, Module Name, online version, schema)') }
    elseif (-not $doc.FrontMatter.Contains('schema') -or $doc.FrontMatter['schema'] -ne '2.0.0') { $problems.Add("front matter must say 'schema: 2.0.0'") }

    $name = if ($doc.Title) { $doc.Title.Trim() } else { '' }
    if (-not $name) { $problems.Add('no "# Cmdlet-Name" title') }
    elseif ($name -ne [System.IO.Path]::GetFileNameWithoutExtension($file)) { $problems.Add("title '$name' does not match the file name") }

    foreach ($required in 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS') {
        if (-not $doc.Sections.Contains($required)) { $problems.Add("no '## $required' section") }
    }

    $synopsis = (ConvertTo-HelpParagraphs (Get-SectionNodes $doc 'SYNOPSIS')) -join ' '
    if ($doc.Sections.Contains('SYNOPSIS') -and -not $synopsis) { $problems.Add('empty SYNOPSIS') }
    $description = @(ConvertTo-HelpParagraphs (Get-SectionNodes $doc 'DESCRIPTION'))
    if ($doc.Sections.Contains('DESCRIPTION') -and $description.Count -eq 0) { $problems.Add('empty DESCRIPTION') }

    # SYNTAX: ### SetName (Default) + code block
    $syntax = foreach ($g in (Split-ByH3 (Get-SectionNodes $doc 'SYNTAX'))) {
        $code = @($g.Nodes | Where-Object Kind -eq 'Code')
        $setName = $g.Title -replace '\s*\(Default\)\s*$', ''
        if ($code.Count -eq 0) { $problems.Add("syntax '$($g.Title)' has no code block") }
        [pscustomobject]@{
            Name      = $setName
            IsDefault = $g.Title -match '\(Default\)\s*$'
            Order     = @(if ($code.Count) { [regex]::Matches($code[0].Text, '(?<![\w-])-(\w+)') | ForEach-Object { $_.Groups[1].Value } })
        }
    }
    $syntax = @($syntax)
    if ($doc.Sections.Contains('SYNTAX') -and $syntax.Count -eq 0) {
        $code = @((Get-SectionNodes $doc 'SYNTAX') | Where-Object Kind -eq 'Code')
        if ($code.Count) {
            $syntax = @([pscustomobject]@{ Name = '__AllParameterSets'; IsDefault = $true; Order = @([regex]::Matches($code[0].Text, '(?<![\w-])-(\w+)') | ForEach-Object { $_.Groups[1].Value }) })
        }
        else { $problems.Add('SYNTAX has no parameter set') }
    }

    # EXAMPLES: ### Example N: title, optional intro, ```powershell code, remarks
    $examples = foreach ($g in (Split-ByH3 (Get-SectionNodes $doc 'EXAMPLES'))) {
        $intro = [System.Collections.Generic.List[object]]::new()
        $remarks = [System.Collections.Generic.List[object]]::new()
        $code = [System.Collections.Generic.List[string]]::new()
        foreach ($n in $g.Nodes) {
            if ($n.Kind -eq 'Code') { $code.Add($n.Text) }
            elseif ($code.Count -eq 0) { $intro.Add($n) }
            else { $remarks.Add($n) }
        }
        if ($code.Count -eq 0) { $problems.Add("example '$($g.Title)' has no code block") }
        [pscustomobject]@{
            Title   = $g.Title
            Code    = ($code -join "`n`n")
            Remarks = @(ConvertTo-HelpParagraphs ($intro + $remarks))
        }
    }
    $examples = @($examples)
    if ($examples.Count -lt 2) { $problems.Add("has $($examples.Count) example(s); at least 2 are required") }

    # PARAMETERS: ### -Name, description, one ```yaml block per distinct metadata
    $supportsCommon = $false
    $parameters = foreach ($g in (Split-ByH3 (Get-SectionNodes $doc 'PARAMETERS'))) {
        if ($g.Title -match '^<?(CommonParameters|WorkflowCommonParameters)>?$') { $supportsCommon = $true; continue }
        if ($g.Title -notmatch '^-(\w+)$') { $problems.Add("line $($g.Line): parameter heading '### $($g.Title)' should be '### -Name'"); continue }
        $pname = $Matches[1]
        $yaml = @($g.Nodes | Where-Object { $_.Kind -eq 'Code' -and $_.Lang -eq 'yaml' })
        if ($yaml.Count -eq 0) { $problems.Add("parameter -$pname has no yaml metadata block") }
        $meta = @($yaml | ForEach-Object { ConvertFrom-YamlMetadata $_.Text })
        foreach ($m in $meta) {
            if ($m.RequiredText -notin 'True', 'False') { $problems.Add("parameter -$($pname): 'Required:' must be True or False") }
        }
        $desc = @(ConvertTo-HelpParagraphs @($g.Nodes | Where-Object { $_.Kind -eq 'Para' -or ($_.Kind -eq 'Code' -and $_.Lang -ne 'yaml') }))
        if ($desc.Count -eq 0) { $problems.Add("parameter -$pname has no description") }
        [pscustomobject]@{ Name = $pname; Description = $desc; Metadata = $meta }
    }
    $parameters = @($parameters)

    $typed = {
        param($section)
        foreach ($g in (Split-ByH3 (Get-SectionNodes $doc $section))) {
            [pscustomobject]@{ TypeName = $g.Title; Description = @(ConvertTo-HelpParagraphs $g.Nodes) }
        }
    }

    $links = [System.Collections.Generic.List[object]]::new()
    $online = if ($doc.FrontMatter.Contains('online version')) { $doc.FrontMatter['online version'] } else { '' }
    if ($online) { $links.Add([pscustomobject]@{ Text = 'Online Version:'; Uri = $online }) }
    foreach ($n in (Get-SectionNodes $doc 'RELATED LINKS')) {
        if ($n.Kind -ne 'Para') { continue }
        foreach ($m in [regex]::Matches($n.Text, '\[([^\]]+)\]\(([^)]*)\)')) {
            $uri = $m.Groups[2].Value
            if ($uri -notmatch '^[a-z]+://') { $uri = '' }   # relative links to sibling pages mean nothing in Get-Help
            $links.Add([pscustomobject]@{ Text = $m.Groups[1].Value; Uri = $uri })
        }
    }

    [pscustomobject]@{
        Path                   = $Path
        Name                   = $name
        Synopsis               = $synopsis
        Description            = $description
        Syntax                 = $syntax
        Examples               = $examples
        Parameters             = $parameters
        SupportsCommonParameters = $supportsCommon
        Inputs                 = @(& $typed 'INPUTS')
        Outputs                = @(& $typed 'OUTPUTS')
        Notes                  = @(ConvertTo-HelpParagraphs (Get-SectionNodes $doc 'NOTES'))
        Links                  = $links.ToArray()
        Problems               = $problems.ToArray()
    }
}

#endregion

#region MAML writer

function Write-MamlParas {
    param([System.Xml.XmlWriter] $W, [string[]] $Paras)
    foreach ($p in $Paras) { $W.WriteElementString('maml', 'para', $script:Ns.Maml, $p) }
}

function Write-MamlParameter {
    param([System.Xml.XmlWriter] $W, $Parameter, $Meta, [bool] $InSyntax)
    $type = if ($Meta.Type -in 'switch', 'SwitchParameter') { 'SwitchParameter' } else { $Meta.Type }
    $ns = $script:Ns
    $W.WriteStartElement('command', 'parameter', $ns.Command)
    $W.WriteAttributeString('required', $Meta.Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', ($type -like '*`[`]').ToString().ToLowerInvariant())
    $W.WriteAttributeString('globbing', $Meta.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $Meta.PipelineInput)
    $W.WriteAttributeString('position', $Meta.Position.ToLowerInvariant())
    $W.WriteAttributeString('aliases', $(if ($Meta.Aliases.Count) { $Meta.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $ns.Maml, $Parameter.Name)
    $W.WriteStartElement('maml', 'description', $ns.Maml)
    Write-MamlParas $W $Parameter.Description
    $W.WriteEndElement()
    if ($InSyntax -and $Meta.AcceptedValues.Count) {
        $W.WriteStartElement('command', 'parameterValueGroup', $ns.Command)
        foreach ($v in $Meta.AcceptedValues) {
            $W.WriteStartElement('command', 'parameterValue', $ns.Command)
            $W.WriteAttributeString('required', 'false')
            $W.WriteAttributeString('variableLength', 'false')
            $W.WriteString($v)
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    # Get-Help shows "-Switch" rather than "-Switch <SwitchParameter>" in the syntax when the value is left out.
    if (-not ($InSyntax -and $type -eq 'SwitchParameter')) {
        $W.WriteStartElement('command', 'parameterValue', $ns.Command)
        $W.WriteAttributeString('required', ($type -ne 'SwitchParameter').ToString().ToLowerInvariant())
        $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString($type)
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $ns.Dev)
    $W.WriteElementString('maml', 'name', $ns.Maml, $type)
    $W.WriteElementString('maml', 'uri', $ns.Maml, '')
    $W.WriteEndElement()
    $W.WriteElementString('dev', 'defaultValue', $ns.Dev, $Meta.DefaultValue)
    $W.WriteEndElement()
}

function Get-ParameterMetaForSet {
    param($Parameter, [string] $SetName)
    foreach ($m in $Parameter.Metadata) { if ($m.ParameterSets -contains $SetName) { return $m } }
    foreach ($m in $Parameter.Metadata) { if ($m.ParameterSets -contains '(All)') { return $m } }
    $null
}

function Format-ExampleTitle {
    # "--- Example 1: title ---", the rule Get-Help users know, kept within 72 columns so Get-Help does not wrap it.
    param([string] $Title)
    $dashes = '-' * [Math]::Max(2, [Math]::Min(26, [int][Math]::Floor((70 - $Title.Length) / 2)))
    "$dashes $Title $dashes"
}

function Write-MamlCommand {
    param([System.Xml.XmlWriter] $W, $Page)
    $ns = $script:Ns
    $W.WriteStartElement('command', 'command', $ns.Command)
    $W.WriteAttributeString('xmlns', 'maml', $null, $ns.Maml)
    $W.WriteAttributeString('xmlns', 'command', $null, $ns.Command)
    $W.WriteAttributeString('xmlns', 'dev', $null, $ns.Dev)
    $W.WriteAttributeString('xmlns', 'MSHelp', $null, $ns.MSHelp)

    $verb, $noun = $Page.Name -split '-', 2
    $W.WriteStartElement('command', 'details', $ns.Command)
    $W.WriteElementString('command', 'name', $ns.Command, $Page.Name)
    $W.WriteElementString('command', 'verb', $ns.Command, $verb)
    $W.WriteElementString('command', 'noun', $ns.Command, $noun)
    $W.WriteStartElement('maml', 'description', $ns.Maml)
    Write-MamlParas $W @($Page.Synopsis)
    $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('maml', 'description', $ns.Maml)
    Write-MamlParas $W $Page.Description
    $W.WriteEndElement()

    # One syntax item per parameter set, parameters in the order the page's syntax block shows them.
    $W.WriteStartElement('command', 'syntax', $ns.Command)
    foreach ($set in $Page.Syntax) {
        $W.WriteStartElement('command', 'syntaxItem', $ns.Command)
        $W.WriteElementString('maml', 'name', $ns.Maml, $Page.Name)
        $inSet = @($Page.Parameters | Where-Object { $null -ne (Get-ParameterMetaForSet $_ $set.Name) })
        $ordered = @($set.Order | ForEach-Object { $o = $_; $inSet | Where-Object Name -eq $o }) +
                   @($inSet | Where-Object { $set.Order -notcontains $_.Name })
        foreach ($p in $ordered) { Write-MamlParameter $W $p (Get-ParameterMetaForSet $p $set.Name) $true }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'parameters', $ns.Command)
    foreach ($p in $Page.Parameters) {
        if ($p.Metadata.Count) { Write-MamlParameter $W $p $p.Metadata[0] $false }
    }
    $W.WriteEndElement()

    foreach ($kind in @(@('inputTypes', 'inputType', $Page.Inputs), @('returnValues', 'returnValue', $Page.Outputs))) {
        $W.WriteStartElement('command', $kind[0], $ns.Command)
        foreach ($t in $kind[2]) {
            $W.WriteStartElement('command', $kind[1], $ns.Command)
            $W.WriteStartElement('dev', 'type', $ns.Dev)
            $W.WriteElementString('maml', 'name', $ns.Maml, $t.TypeName)
            $W.WriteEndElement()
            $W.WriteStartElement('maml', 'description', $ns.Maml)
            Write-MamlParas $W $t.Description
            $W.WriteEndElement()
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }

    $W.WriteStartElement('maml', 'alertSet', $ns.Maml)
    $W.WriteStartElement('maml', 'alert', $ns.Maml)
    Write-MamlParas $W $Page.Notes
    $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $ns.Command)
    foreach ($e in $Page.Examples) {
        $W.WriteStartElement('command', 'example', $ns.Command)
        $W.WriteElementString('maml', 'title', $ns.Maml, (Format-ExampleTitle $e.Title))
        $W.WriteElementString('dev', 'code', $ns.Dev, $e.Code)
        $W.WriteStartElement('dev', 'remarks', $ns.Dev)
        Write-MamlParas $W $e.Remarks
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $ns.Command)
    foreach ($l in $Page.Links) {
        $W.WriteStartElement('maml', 'navigationLink', $ns.Maml)
        $W.WriteElementString('maml', 'linkText', $ns.Maml, $l.Text)
        $W.WriteElementString('maml', 'uri', $ns.Maml, $l.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()   # command:command
}

function Write-MamlHelpFile {
    <#
    .SYNOPSIS
    Writes parsed cmdlet pages into one MAML file (e.g. en-US/IgtimiPS.dll-Help.xml).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][object[]] $Pages, [Parameter(Mandatory)][string] $Path)

    $null = New-Item -ItemType Directory -Force -Path (Split-Path $Path -Parent)
    $settings = [System.Xml.XmlWriterSettings]@{
        Indent   = $true
        Encoding = [System.Text.UTF8Encoding]::new($false)
    }
    $w = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', $script:Ns.Msh)
        $w.WriteAttributeString('schema', 'maml')
        foreach ($page in ($Pages | Sort-Object Name)) { Write-MamlCommand $w $page }
        $w.WriteEndElement()
        $w.WriteEndDocument()
    }
    finally { $w.Dispose() }
}

#endregion

#region About topics

function Format-AboutText {
    # Wraps one paragraph to 80 columns with a 4-space indent; list items get a hanging indent.
    param([string] $Text, [string] $Indent = '    ', [int] $Width = 80)
    $out = [System.Collections.Generic.List[string]]::new()
    $items = [System.Collections.Generic.List[string]]::new()
    foreach ($l in ($Text -split "`n")) {
        $t = $l.Trim()
        if ($t -match '^([-*+]|\d+\.)\s+' -or $items.Count -eq 0) { $items.Add($t) }
        else { $items[$items.Count - 1] += " $t" }
    }
    foreach ($item in $items) {
        $hang = if ($item -match '^(([-*+]|\d+\.)\s+)') { ' ' * $Matches[1].Length } else { '' }
        $line = ''
        $first = $true
        foreach ($word in ($item -split '\s+')) {
            $prefix = if ($first) { $Indent } else { $Indent + $hang }
            if ($line -and ($prefix.Length + $line.Length + 1 + $word.Length) -gt $Width) {
                $out.Add($prefix + $line); $line = $word; $first = $false
            }
            else { $line = if ($line) { "$line $word" } else { $word } }
        }
        if ($line) { $out.Add($(if ($first) { $Indent } else { $Indent + $hang }) + $line) }
    }
    $out
}

function ConvertTo-AboutHelpText {
    <#
    .SYNOPSIS
    Turns a PlatyPS about page (about_<Topic>.md) into the about_<Topic>.help.txt that Get-Help shows.
    The first heading becomes TOPIC, a level-2 heading right after it is the topic's file name,
    level-1 headings are upper-cased, text is indented by 4 spaces and wrapped at 80 columns.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Path, [Parameter(Mandatory)][string] $Destination)

    $doc = Read-MarkdownDocument -Path $Path
    $sb = [System.Text.StringBuilder]::new()
    $nodes = @($doc.Nodes)
    for ($i = 0; $i -lt $nodes.Count; $i++) {
        $n = $nodes[$i]
        switch -Regex ($n.Kind) {
            '^H\d$' {
                if ($i -eq 0) {
                    [void]$sb.AppendLine('TOPIC')
                    # "# about_X" alone names the topic; "# Title" + "## about_X" is PlatyPS's template.
                    if ($i + 1 -lt $nodes.Count -and $nodes[$i + 1].Kind -eq 'H2') { continue }
                    [void]$sb.AppendLine('    ' + $n.Text).AppendLine()
                }
                elseif ($i -eq 1 -and $n.Kind -eq 'H2') { [void]$sb.AppendLine('    ' + $n.Text).AppendLine() }
                elseif ($n.Level -eq 1) { [void]$sb.AppendLine($n.Text.ToUpperInvariant()) }
                elseif ($n.Level -eq 2) { [void]$sb.AppendLine($n.Text) }
                else { [void]$sb.AppendLine('    ' + $n.Text.ToUpperInvariant()) }
            }
            '^Para$' {
                foreach ($l in (Format-AboutText $n.Text)) { [void]$sb.AppendLine($l) }
                [void]$sb.AppendLine()
            }
            '^Code$' {
                foreach ($l in ($n.Text -split "`n")) { [void]$sb.AppendLine(('        ' + $l).TrimEnd()) }
                [void]$sb.AppendLine()
            }
        }
    }
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $Destination -Parent)
    [System.IO.File]::WriteAllText($Destination, ($sb.ToString().TrimEnd() + [Environment]::NewLine), [System.Text.UTF8Encoding]::new($false))
}

#endregion

#region The Docs step

function Build-ModuleHelp {
    <#
    .SYNOPSIS
    Converts every page in DocsPath, checks them, writes MAML + about topics to OutputPath.
    Throws one error listing every problem found.

    .PARAMETER ExportedCmdlets
    CmdletsToExport from the manifest: each needs a page, and each page needs to be one of them.

    .PARAMETER ActualParameters
    Optional: cmdlet name -> parameter names (without common parameters) from the compiled module.
    When given, every page's parameter list must match it exactly.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $DocsPath,
        [Parameter(Mandatory)][string] $OutputPath,
        [Parameter(Mandatory)][string] $MamlFileName,
        [string[]] $ExportedCmdlets = @(),
        [System.Collections.IDictionary] $ActualParameters
    )

    $problems = [System.Collections.Generic.List[string]]::new()
    $cmdletFiles = @(Get-ChildItem -Path $DocsPath -Filter '*.md' -File | Where-Object Name -notlike 'about_*')
    $aboutFiles = @(Get-ChildItem -Path $DocsPath -Filter 'about_*.md' -File)

    $pages = foreach ($f in $cmdletFiles) {
        try {
            $page = Read-CmdletHelpPage -Path $f.FullName
            foreach ($p in $page.Problems) { $problems.Add("$($f.Name): $p") }
            $page
        }
        catch { $problems.Add("$($f.Name): $($_.Exception.Message)") }
    }
    $pages = @($pages)

    foreach ($c in $ExportedCmdlets) {
        if (-not ($pages | Where-Object Name -eq $c)) { $problems.Add("$($c): listed in CmdletsToExport but has no page $c.md") }
    }
    if ($ExportedCmdlets.Count) {
        foreach ($page in $pages) {
            if ($page.Name -and $ExportedCmdlets -notcontains $page.Name) { $problems.Add("$(Split-Path $page.Path -Leaf): '$($page.Name)' is not in CmdletsToExport (stale page?)") }
        }
    }

    if ($ActualParameters) {
        foreach ($page in $pages) {
            if (-not $page.Name -or $ExportedCmdlets -notcontains $page.Name) { continue }
            if (-not $ActualParameters.Contains($page.Name)) {
                $problems.Add("$($page.Name).md: the compiled module has no cmdlet $($page.Name)")
                continue
            }
            $actual = @($ActualParameters[$page.Name])
            $documented = @($page.Parameters.Name)
            $missing = @($actual | Where-Object { $documented -notcontains $_ })
            $extra = @($documented | Where-Object { $actual -notcontains $_ })
            if ($missing.Count) { $problems.Add("$($page.Name).md: parameters not documented: -$($missing -join ', -')") }
            if ($extra.Count) { $problems.Add("$($page.Name).md: documents parameters the cmdlet does not have: -$($extra -join ', -')") }
        }
    }

    foreach ($f in $aboutFiles) {
        $raw = [System.IO.File]::ReadAllText($f.FullName)
        foreach ($m in [regex]::Matches($raw, $script:PlaceholderPattern)) { $problems.Add("$($f.Name): placeholder $($m.Value)") }
    }

    if ($problems.Count) {
        throw ("Docs: {0} problem(s) in {1}:`n  - {2}" -f $problems.Count, $DocsPath, ($problems -join "`n  - "))
    }

    $mamlPath = Join-Path $OutputPath $MamlFileName
    Write-MamlHelpFile -Pages $pages -Path $mamlPath
    $written = @($mamlPath)
    foreach ($f in $aboutFiles) {
        $dest = Join-Path $OutputPath ($f.BaseName + '.help.txt')
        ConvertTo-AboutHelpText -Path $f.FullName -Destination $dest
        $written += $dest
    }
    [pscustomobject]@{ Pages = $pages.Count; AboutTopics = $aboutFiles.Count; Files = $written }
}

#endregion

Export-ModuleMember -Function Read-CmdletHelpPage, Write-MamlHelpFile, ConvertTo-AboutHelpText, Build-ModuleHelp
