using System;
using Igtimi.Client.Models;

namespace IgtimiPS.Base
{
    /// <summary>
    /// A cmdlet that gathers serial numbers from every pipeline input and sends them together at
    /// the end. The deriving cmdlet declares its parameter named SerialNumber (a string array,
    /// mandatory or not, at its position: PowerShell reads parameter attributes from the declaring
    /// property only, so they cannot be inherited); this base reads it as bound for each input.
    /// </summary>
    public abstract class IgtimiSerialNumberCmdlet : IgtimiConnectedCmdlet
    {
        private readonly IgtimiSerialNumbers.Builder _serials = new IgtimiSerialNumbers.Builder();

        private const string SerialNumberParameter = "SerialNumber";

        /// <summary>Every serial number given so far: trimmed, each once, in the first spelling.</summary>
        protected IgtimiSerialNumbers SerialNumbers => _serials.ToSerialNumbers();

        protected override void ProcessRecord()
        {
            if (!MyInvocation.BoundParameters.TryGetValue(SerialNumberParameter, out var bound)) return;
            try
            {
                _serials.Add(bound as string[]);
            }
            catch (ArgumentException ex)
            {
                ThrowInvalidArgument(ex, bound);
            }
        }
    }
}
