using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Igtimi.Client.Archive
{
    /// <summary>
    /// Finds the Parquet format. Parquet.Net (6.x, the one kept up) targets .NET 8 and later only, so the format lives in
    /// Igtimi.Client.Parquet.dll (net10.0) beside this assembly and is loaded when first needed: on PowerShell 7.6 and
    /// .NET programs; Windows PowerShell 5.1 (.NET Framework) gets a clear error instead.
    /// </summary>
    public static class IgtimiArchiveFormats
    {
        public const string AssemblyFile = "Igtimi.Client.Parquet.dll";
        private const string TypeName = "Igtimi.Client.Parquet.ParquetArchiveFormat";
        private static readonly object Sync = new object();
        private static IIgtimiArchiveFormat? _parquet;

        /// <exception cref="PlatformNotSupportedException">This is .NET Framework, or the assembly is missing.</exception>
        public static IIgtimiArchiveFormat Parquet()
        {
            lock (Sync)
            {
                if (_parquet != null) return _parquet;
                if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase))
                    throw new PlatformNotSupportedException(
                        "Parquet archives need PowerShell 7.6 or later: the Parquet library (Parquet.Net) needs .NET 8 or later, " +
                        $"and this is {RuntimeInformation.FrameworkDescription}.");
                var folder = Path.GetDirectoryName(typeof(IgtimiArchiveFormats).Assembly.Location) ?? "";
                var path = Path.Combine(folder, AssemblyFile);
                if (!File.Exists(path))
                    throw new PlatformNotSupportedException($"Parquet archives need {AssemblyFile}, which is not in '{folder}'; reinstall the module.");
                var type = Assembly.LoadFrom(path).GetType(TypeName, throwOnError: true)!;
                _parquet = (IIgtimiArchiveFormat)Activator.CreateInstance(type)!;
                return _parquet;
            }
        }
    }
}
