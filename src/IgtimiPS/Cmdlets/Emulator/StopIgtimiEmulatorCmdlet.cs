using System;
using System.Management.Automation;
using Igtimi.Client.Emulator;
using IgtimiPS.Base;
using IgtimiPS.Emulator;
using IgtimiPS.Errors;

namespace IgtimiPS.Cmdlets.Emulator
{
    /// <summary>Stops an emulator that Start-IgtimiEmulator started (by default every one of this session) and waits until it has exited.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "IgtimiEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(IgtimiEmulator))]
    public sealed class StopIgtimiEmulatorCmdlet : IgtimiCmdlet
    {
        private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);
        private bool _bound;

        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public IgtimiEmulator[]? InputObject { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject is null) return;
            _bound = true;
            foreach (var emulator in InputObject) Stop(emulator.Process, emulator);
        }

        protected override void EndProcessing()
        {
            if (_bound) return;
            foreach (var process in IgtimiEmulatorProcess.Running) Stop(process, null);
        }

        private void Stop(IgtimiEmulatorProcess process, IgtimiEmulator? emulator)
        {
            if (!ShouldProcess(process.ToString(), "Stop")) return;
            if (process.Stop(ExitWait)) WriteVerbose($"Stopped {process}.");
            else
                WriteError(ErrorRecords.Create($"{process} did not exit within {ExitWait.TotalSeconds:0} s of being killed.", ErrorIds.EmulatorStopFailed,
                    ErrorCategory.CloseError, emulator ?? (object)process, $"Check the process {process.ProcessId} and end it by hand."));
            if (PassThru) WriteObject(emulator ?? new IgtimiEmulator(process));
        }
    }
}
