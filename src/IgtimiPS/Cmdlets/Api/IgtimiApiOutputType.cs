namespace IgtimiPS.Cmdlets.Api
{
    /// <summary>How Invoke-IgtimiApi returns the response body.</summary>
    public enum IgtimiApiOutputType
    {
        /// <summary>JSON as PSCustomObjects, XML as an XmlDocument, other text as a string, binary as bytes.</summary>
        PSObject,
        /// <summary>JSON as hashtables (case-insensitive keys) and arrays.</summary>
        Hashtable,
        /// <summary>The JSON text as received.</summary>
        Json,
        /// <summary>The body exactly as received: a string for text, a byte array otherwise.</summary>
        Raw,
    }
}
