namespace Igtimi.Client
{
    /// <summary>Which dialect of the Igtimi API a server speaks.</summary>
    public enum IgtimiServerFlavor
    {
        /// <summary>The original igtimi.com API (and servers compatible with it, such as the emulator).</summary>
        Igtimi,

        /// <summary>SAP Sailing Analytics' replacement server (wind.sapsailing.com/igtimi): SAP access tokens, protobuf data.</summary>
        Sap,
    }
}
