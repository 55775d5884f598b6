using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Igtimi.Client.Emulator
{
    /// <summary>
    /// How to run the emulator: a program (the dotnet tool's igtimi-emulator, or dotnet for Igtimi.Emulator.dll),
    /// the arguments that come before the emulator's own, and where it was found.
    /// </summary>
    public sealed class IgtimiEmulatorCommand
    {
        public const string ToolCommandName = "igtimi-emulator";
        public const string ToolPackageId = "Igtimi.Emulator";
        public const string DllName = "Igtimi.Emulator.dll";
        public const string PathVariable = "IGTIMI_EMULATOR";

        public const string InstallAdvice =
            "Install the emulator as a .NET tool (it needs the .NET 10 runtime): 'dotnet tool install --global Igtimi.Emulator " +
            "--add-source <folder with Igtimi.Emulator.<version>.nupkg>' (build.ps1 Package writes it to out/packages), " +
            "or pass -Path, or set " + PathVariable + " to the igtimi-emulator program or Igtimi.Emulator.dll.";

        private IgtimiEmulatorCommand(string fileName, IReadOnlyList<string> leadingArguments, string path, string source)
        {
            FileName = fileName;
            LeadingArguments = leadingArguments;
            Path = path;
            Source = source;
        }

        /// <summary>The program to start.</summary>
        public string FileName { get; }

        /// <summary>Arguments before the emulator's own (the dll when FileName is dotnet).</summary>
        public IReadOnlyList<string> LeadingArguments { get; }

        /// <summary>The emulator program or dll that runs.</summary>
        public string Path { get; }

        /// <summary>Where it was found: Path, IGTIMI_EMULATOR, PATH, ~/.dotnet/tools or the manifest's file name.</summary>
        public string Source { get; }

        /// <summary>
        /// Finds the emulator: <paramref name="explicitPath"/>, else IGTIMI_EMULATOR, else igtimi-emulator on PATH, else in
        /// ~/.dotnet/tools, else the Igtimi.Emulator tool of a local tool manifest (dotnet-tools.json) in
        /// <paramref name="workingDirectory"/> or above it, restored into the NuGet package folder.
        /// </summary>
        public static IgtimiEmulatorCommand Find(string? explicitPath, string workingDirectory)
        {
            if (!string.IsNullOrWhiteSpace(explicitPath)) return FromPath(explicitPath!, "-Path");
            var fromEnvironment = Environment.GetEnvironmentVariable(PathVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return FromPath(fromEnvironment!, PathVariable);

            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator))
            {
                var candidate = ToolProgramIn(folder);
                if (candidate != null) return new IgtimiEmulatorCommand(candidate, Array.Empty<string>(), candidate, "PATH");
            }
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (!string.IsNullOrEmpty(home))
            {
                var globalTool = ToolProgramIn(System.IO.Path.Combine(home, ".dotnet", "tools"));
                if (globalTool != null) return new IgtimiEmulatorCommand(globalTool, Array.Empty<string>(), globalTool, "~/.dotnet/tools");
            }
            var local = FromToolManifest(workingDirectory, home);
            if (local != null) return local;
            throw new IgtimiEmulatorException(IgtimiEmulatorFailure.NotFound,
                $"The Igtimi emulator was not found: no -Path, no {PathVariable}, no {ToolCommandName} on PATH or in ~/.dotnet/tools, " +
                $"and no local tool manifest listing {ToolPackageId} in '{workingDirectory}' or above. {InstallAdvice}");
        }

        /// <summary>A program, a dll run with dotnet, or a folder holding either.</summary>
        internal static IgtimiEmulatorCommand FromPath(string path, string source)
        {
            string full;
            try { full = System.IO.Path.GetFullPath(path); }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw new IgtimiEmulatorException(IgtimiEmulatorFailure.NotFound, $"'{path}' ({source}) is not a valid path: {ex.Message}", ex);
            }
            if (Directory.Exists(full))
            {
                var inFolder = ToolProgramIn(full) ?? ExistingFile(System.IO.Path.Combine(full, DllName));
                if (inFolder is null)
                    throw new IgtimiEmulatorException(IgtimiEmulatorFailure.NotFound,
                        $"The folder '{full}' ({source}) holds neither {ToolCommandName} nor {DllName}. {InstallAdvice}");
                full = inFolder;
            }
            else if (!File.Exists(full))
            {
                throw new IgtimiEmulatorException(IgtimiEmulatorFailure.NotFound, $"The Igtimi emulator '{full}' ({source}) does not exist. {InstallAdvice}");
            }
            return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? new IgtimiEmulatorCommand(FindDotnet(), new[] { full }, full, source)
                : new IgtimiEmulatorCommand(full, Array.Empty<string>(), full, source);
        }

        private static IgtimiEmulatorCommand? FromToolManifest(string workingDirectory, string home)
        {
            for (var dir = SafeDirectory(workingDirectory); dir != null; dir = dir.Parent)
            {
                var manifests = new[]
                {
                    System.IO.Path.Combine(dir.FullName, ".config", "dotnet-tools.json"), System.IO.Path.Combine(dir.FullName, "dotnet-tools.json"),
                };
                foreach (var manifest in manifests)
                {
                    if (!File.Exists(manifest)) continue;
                    var version = ReadToolVersion(manifest, out bool isRoot);
                    if (version != null) return FromRestoredPackage(manifest, version, home);
                    // A root manifest ends the search, as it does for 'dotnet tool run'.
                    if (isRoot) return null;
                }
            }
            return null;
        }

        private static DirectoryInfo? SafeDirectory(string path)
        {
            try { return string.IsNullOrEmpty(path) ? null : new DirectoryInfo(System.IO.Path.GetFullPath(path)); }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException) { return null; }
        }

        private static string? ReadToolVersion(string manifest, out bool isRoot)
        {
            isRoot = false;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(manifest));
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                isRoot = root.TryGetProperty("isRoot", out var r) && r.ValueKind == JsonValueKind.True;
                if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Object) return null;
                foreach (var tool in tools.EnumerateObject())
                {
                    if (!string.Equals(tool.Name, ToolPackageId, StringComparison.OrdinalIgnoreCase)) continue;
                    return tool.Value.ValueKind == JsonValueKind.Object && tool.Value.TryGetProperty("version", out var v) &&
                           v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                }
                return null;
            }
            catch (Exception ex) when (ex is JsonException || ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new IgtimiEmulatorException(IgtimiEmulatorFailure.NotFound, $"The tool manifest '{manifest}' cannot be read: {ex.Message}", ex);
            }
        }

        // A local tool runs from the NuGet package folder: <packages>/igtimi.emulator/<version>/tools/<tfm>/any/Igtimi.Emulator.dll.
        // Started with dotnet directly rather than 'dotnet tool run', which would put a second process between us and the emulator.
        private static IgtimiEmulatorCommand FromRestoredPackage(string manifest, string version, string home)
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (string.IsNullOrWhiteSpace(packages)) packages = System.IO.Path.Combine(home, ".nuget", "packages");
            var tools = System.IO.Path.Combine(packages!, ToolPackageId.ToLowerInvariant(), version.ToLowerInvariant(), "tools");
            var dll = Directory.Exists(tools)
                ? Directory.GetDirectories(tools).OrderByDescending(d => d, StringComparer.Ordinal)
                    .Select(d => ExistingFile(System.IO.Path.Combine(d, "any", DllName))).FirstOrDefault(d => d != null)
                : null;
            if (dll is null)
                throw new IgtimiEmulatorException(IgtimiEmulatorFailure.NotFound,
                    $"'{manifest}' lists {ToolPackageId} {version}, but it is not restored in '{packages}'. Run 'dotnet tool restore' there.");
            return new IgtimiEmulatorCommand(FindDotnet(), new[] { dll }, dll, manifest);
        }

        private static string? ToolProgramIn(string folder)
        {
            if (string.IsNullOrWhiteSpace(folder)) return null;
            var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ToolCommandName + ".exe" : ToolCommandName;
            try { return ExistingFile(System.IO.Path.Combine(folder.Trim('"'), name)); }
            catch (ArgumentException) { return null; }   // a PATH entry with characters no path may hold
        }

        private static string? ExistingFile(string path) => File.Exists(path) ? path : null;

        /// <summary>The dotnet host for a dll: DOTNET_HOST_PATH, this process when it is dotnet, DOTNET_ROOT, then PATH.</summary>
        internal static string FindDotnet()
        {
            var exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
            var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrWhiteSpace(hostPath) && File.Exists(hostPath)) return hostPath!;
            string? self = null;
            try { self = System.Diagnostics.Process.GetCurrentProcess().MainModule?.FileName; }
            catch (Exception ex) when (ex is InvalidOperationException || ex is System.ComponentModel.Win32Exception || ex is NotSupportedException)
            {
                self = null;   // this process's path is not readable here: DOTNET_ROOT and PATH still apply
            }
            if (self != null && string.Equals(System.IO.Path.GetFileName(self), exe, StringComparison.OrdinalIgnoreCase)) return self;
            var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
            if (!string.IsNullOrWhiteSpace(root) && File.Exists(System.IO.Path.Combine(root!, exe))) return System.IO.Path.Combine(root!, exe);
            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator))
            {
                if (string.IsNullOrWhiteSpace(folder)) continue;
                try
                {
                    var candidate = System.IO.Path.Combine(folder.Trim('"'), exe);
                    if (File.Exists(candidate)) return candidate;
                }
                catch (ArgumentException) { continue; }
            }
            throw new IgtimiEmulatorException(IgtimiEmulatorFailure.NotFound,
                $"{DllName} needs the dotnet host, which was not found (DOTNET_HOST_PATH, DOTNET_ROOT, PATH). Install the .NET 10 runtime.");
        }
    }
}
