using System;
using Igtimi.Client.Models;
using IgtimiPS.Arguments;

namespace IgtimiPS.Base
{
    /// <summary>
    /// A cmdlet that gathers serial numbers from every pipeline input and sends them together at
    /// the end. The deriving cmdlet declares its parameters named SerialNumber (a string array,
    /// mandatory or not, at its position: PowerShell reads parameter attributes from the declaring
    /// property only, so they cannot be inherited) and InputObject (from the pipeline by value); this
    /// base reads them as bound for each input. A piped object gives the serial of the device it
    /// stands for (see <see cref="PipelineInput"/>), or a non-terminating error when it stands for none.
    /// </summary>
    public abstract class IgtimiSerialNumberCmdlet : IgtimiConnectedCmdlet
    {
        private readonly IgtimiSerialNumbers.Builder _serials = new IgtimiSerialNumbers.Builder();
        private bool _piped;

        private const string SerialNumberParameter = "SerialNumber";
        private const string InputObjectParameter = "InputObject";

        /// <summary>Every serial number given so far: trimmed, each once, in the first spelling.</summary>
        protected IgtimiSerialNumbers SerialNumbers => _serials.ToSerialNumbers();

        /// <summary>
        /// True when objects came down the pipeline but none stood for a device: the cmdlet must then
        /// do nothing rather than fall back to every device.
        /// </summary>
        protected bool PipelineGaveNoDevice => _piped && SerialNumbers.IsEmpty;

        protected override void ProcessRecord()
        {
            if (MyInvocation.BoundParameters.TryGetValue(InputObjectParameter, out var input))
            {
                _piped = true;
                try
                {
                    _serials.Add(new[] { PipelineInput.SerialFor(input, MyInvocation.MyCommand.Name) });
                }
                catch (PipelineInputException ex)
                {
                    WriteError(PipelineError(ex, input));
                }
            }
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
