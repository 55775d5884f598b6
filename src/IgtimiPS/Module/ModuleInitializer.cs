using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using Igtimi.Client.Emulator;

namespace IgtimiPS.Module
{
    /// <summary>
    /// Stops the import on PowerShell 7 releases older than 7.6, whose runtime the module does not
    /// support. On Windows PowerShell, which has no binding redirects for modules, it resolves the
    /// module's own dependencies (System.Text.Json and its helpers) from the module folder.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? "";

        public void OnImport()
        {
            if (!ModuleInfo.IsDesktop && ModuleInfo.PowerShellVersion < new Version(7, 6))
                throw new PlatformNotSupportedException(
                    $"IgtimiPS needs Windows PowerShell 5.1 or PowerShell 7.6 or later; this is PowerShell {ModuleInfo.PowerShellVersion.ToString(2)}. " +
                    "Install PowerShell 7.6 (LTS).");
            if (ModuleInfo.IsDesktop) AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleFolder;
        }

        public void OnRemove(PSModuleInfo module)
        {
            // Remove-Module ends the emulators Start-IgtimiEmulator left running; process exit does too (IgtimiEmulatorProcess).
            IgtimiEmulatorProcess.StopAll(TimeSpan.FromSeconds(5));
            if (ModuleInfo.IsDesktop) AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromModuleFolder;
        }

        private static Assembly? ResolveFromModuleFolder(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name)) return null;
            var path = Path.Combine(ModuleFolder, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
