using System;
using Igtimi.Client.Dialects.IgtimiCom;
using Igtimi.Client.Http;

namespace Igtimi.Client.Api
{
    /// <summary>Makes the dialect of a flavor: the one place that knows which implementations exist.</summary>
    internal static class IgtimiDialects
    {
        public static IIgtimiDialect Create(IgtimiServerFlavor flavor, IgtimiHttp http)
        {
            switch (flavor)
            {
                case IgtimiServerFlavor.Igtimi: return new IgtimiComDialect(http);
                default: throw new ArgumentOutOfRangeException(nameof(flavor), flavor, "No dialect is known for this server flavor.");
            }
        }
    }
}
