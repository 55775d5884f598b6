using System.Management.Automation;

namespace IgtimiPS.Base
{
    /// <summary>Refuses blank serial numbers before any request (ValidateNotNullOrEmpty lets "  " through).</summary>
    public sealed class ValidateSerialNumberAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var text = (element is PSObject wrapped ? wrapped.BaseObject : element) as string;
            if (string.IsNullOrWhiteSpace(text))
                throw new ValidationMetadataException("A serial number is empty or blank.");
        }
    }
}
