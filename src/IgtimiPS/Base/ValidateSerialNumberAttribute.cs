using System.Management.Automation;

namespace IgtimiPS.Base
{
    /// <summary>Refuses blank serial numbers before any request (ValidateNotNullOrEmpty lets "  " through).</summary>
    public sealed class ValidateSerialNumberAttribute : ValidateEnumeratedArgumentsAttribute
    {
        public const int MaxLength = 64;

        protected override void ValidateElement(object element)
        {
            var text = (element is PSObject wrapped ? wrapped.BaseObject : element) as string;
            if (string.IsNullOrWhiteSpace(text))
                throw new ValidationMetadataException("A serial number is empty or blank.");
            var trimmed = text!.Trim();
            if (trimmed.Length > MaxLength)
                throw new ValidationMetadataException($"The serial number '{Igtimi.Client.Http.SafeText.Excerpt(trimmed, 24)}' is {trimmed.Length:N0} characters long; serial numbers are at most {MaxLength} (such as GA-DK-AAAD).");
            foreach (var c in trimmed)
            {
                if (char.IsControl(c) || Igtimi.Client.Http.SafeText.IsUnsafe(c))
                    throw new ValidationMetadataException($"The serial number '{Igtimi.Client.Http.SafeText.Excerpt(trimmed, 24)}' holds a control character.");
            }
        }
    }
}
