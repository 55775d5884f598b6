using System;
using System.Runtime.InteropServices;
using System.Security;

namespace IgtimiPS.Arguments
{
    internal static class SecretText
    {
        /// <summary>Reveals a SecureString only at the moment it goes into a request.</summary>
        public static string? Reveal(SecureString? secret)
        {
            if (secret is null) return null;
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
                return Marshal.PtrToStringUni(pointer);
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
