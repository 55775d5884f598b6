using System.Management.Automation;

namespace IgtimiPS.Arguments
{
    /// <summary>
    /// Lets an IgtimiRace parameter also take a copy of a race: one saved with Export-Clixml and read back with Import-Clixml
    /// years later, or one from a remoting session (<see cref="RaceInput.AsRace"/>). Other objects pass unchanged, so binding
    /// refuses them as before.
    /// </summary>
    public sealed class RaceTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) => RaceInput.AsRace(inputData) ?? inputData;
    }
}
