using System;
using System.Collections;
using System.Management.Automation;
using Igtimi.Client.Models;

namespace IgtimiPS.Arguments
{
    /// <summary>
    /// Refuses an empty list and blank, overlong or control-character serial numbers before any
    /// request, with the client's own rules (ValidateNotNullOrEmpty lets "  " through).
    /// </summary>
    public sealed class ValidateSerialNumberAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (value is null) throw new ValidationMetadataException("The serial number is null.");
            var items = value is string || !(value is IEnumerable list) ? new[] { value } : list;
            var count = 0;
            foreach (var item in items)
            {
                count++;
                var text = (item is PSObject inner ? inner.BaseObject : item) as string;
                try
                {
                    IgtimiSerialNumbers.Check(text);
                }
                catch (ArgumentException ex)
                {
                    throw new ValidationMetadataException(ex.Message, ex);
                }
            }
            if (count == 0) throw new ValidationMetadataException("The list of serial numbers is empty.");
        }
    }
}
