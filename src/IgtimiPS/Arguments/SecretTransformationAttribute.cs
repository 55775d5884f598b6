using System.Management.Automation;
using System.Security;

namespace IgtimiPS.Arguments
{
    /// <summary>Lets a SecureString parameter also take a plain string (as from a vault or a pipeline variable).</summary>
    public sealed class SecretTransformationAttribute : ArgumentTransformationAttribute
    {
        public const int MaxLength = 8192;

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string text)
            {
                // A SecureString holds at most 65,536 characters; no token or secret comes near that.
                if (text.Length > MaxLength)
                    throw new ArgumentTransformationMetadataException($"The value is {text.Length:N0} characters long; " +
                                                                      $"a token or secret here is at most {MaxLength:N0}.");
                var secure = new SecureString();
                foreach (var c in text) secure.AppendChar(c);
                secure.MakeReadOnly();
                return secure;
            }
            return value;
        }
    }
}
