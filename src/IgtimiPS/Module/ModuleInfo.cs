using System;
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace IgtimiPS.Module
{
    /// <summary>The module's version and the host it runs in, for the User-Agent and the import check.</summary>
    internal static class ModuleInfo
    {
        public static readonly Version Version = typeof(ModuleInfo).Assembly.GetName().Version ?? new Version(0, 0);

        public static readonly Version PowerShellVersion = typeof(PSObject).Assembly.GetName().Version ?? new Version(0, 0);

        public static bool IsDesktop => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public static string UserAgent =>
            $"IgtimiPS/{Version.ToString(3)} PowerShell/{PowerShellVersion.ToString(2)} ({RuntimeInformation.OSDescription.Trim()})";
    }
}
