@{
    RootModule             = 'IgtimiPS.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '5b0f3c2e-7d1a-4e8b-9c47-2f6a1d9e8b31'
    Author                 = 'IgtimiPS contributors'
    CompanyName            = 'IgtimiPS contributors'
    Copyright              = '(c) IgtimiPS contributors. Licensed under the MIT licence.'
    Description            = 'PowerShell cmdlets for the Igtimi API (YachtBot, WindBot): OAuth2 login, accounts, devices, sessions, device data and live streams, against any Igtimi-compatible server.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('IgtimiPS.Format.ps1xml')
    CmdletsToExport        = @(
        'Connect-Igtimi'
        'Disconnect-Igtimi'
        'Get-IgtimiConnection'
        'Get-IgtimiAccount'
        'Invoke-IgtimiApi'
        'Get-IgtimiUser'
        'Get-IgtimiGroup'
        'New-IgtimiGroup'
        'Remove-IgtimiGroup'
        'Set-IgtimiGroup'
        'Get-IgtimiGroupMember'
        'Add-IgtimiGroupMember'
        'Remove-IgtimiGroupMember'
        'Get-IgtimiDevice'
        'Register-IgtimiDevice'
        'Unregister-IgtimiDevice'
        'Set-IgtimiDevice'
        'Get-IgtimiSession'
        'Get-IgtimiSessionLog'
        'New-IgtimiSession'
        'Remove-IgtimiSession'
        'Add-IgtimiSessionLog'
        'Get-IgtimiRace'
        'New-IgtimiRace'
        'Get-IgtimiResource'
        'Get-IgtimiDataAccessWindow'
        'Grant-IgtimiDeviceAccess'
        'Revoke-IgtimiDeviceAccess'
        'Send-IgtimiFile'
        'Get-IgtimiDataType'
        'Get-IgtimiLiveServer'
        'Export-IgtimiData'
        'Export-IgtimiRace'
        'Get-IgtimiData'
        'Get-IgtimiLatestData'
        'Save-IgtimiData'
        'Import-IgtimiArchive'
        'Watch-IgtimiLiveData'
        'Start-IgtimiEmulator'
        'Stop-IgtimiEmulator'
        'Measure-IgtimiRace'
        'Get-IgtimiTrueWind'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Igtimi', 'YachtBot', 'WindBot', 'Sailing', 'OAuth2', 'API', 'GPS', 'Wind', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/igtimips/IgtimiPS'
            LicenseUri   = 'https://github.com/igtimips/IgtimiPS/blob/main/LICENSE'
            ReleaseNotes = 'First release: OAuth2 connections (password, code, implicit, access token, environment), Invoke-IgtimiApi, typed cmdlets for users, groups, devices, sessions and logs, resources, data access windows and data types, device data download (sliced, parallel, streaming) and export (CSV, GPX, GeoJSON), latest values, and live WebSocket streams with failover and gap fill.'
        }
    }
}
