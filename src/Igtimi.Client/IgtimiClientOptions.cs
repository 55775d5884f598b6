using System;
using Igtimi.Client.Http;

namespace Igtimi.Client
{
    /// <summary>Which dialect of the Igtimi API a server speaks.</summary>
    public enum IgtimiServerFlavor
    {
        /// <summary>The original igtimi.com API (and servers compatible with it, such as the emulator).</summary>
        Igtimi,
    }

    /// <summary>Settings of one connection's HTTP client.</summary>
    public sealed class IgtimiClientOptions
    {
        /// <summary>igtimi.com closed on 6 January 2025; it is only the historical default.</summary>
        public static readonly Uri HistoricalBaseUri = new Uri("https://www.igtimi.com/");

        public IgtimiClientOptions(Uri baseUri)
        {
            if (baseUri is null) throw new ArgumentNullException(nameof(baseUri));
            BaseUri = NormalizeBaseUri(baseUri);
        }

        /// <summary>The server root, always ending in '/'.</summary>
        public Uri BaseUri { get; }

        public IgtimiServerFlavor Flavor { get; set; } = IgtimiServerFlavor.Igtimi;

        /// <summary>The REST root relative to <see cref="BaseUri"/>.</summary>
        public string ApiPath { get; set; } = "api/v1/";

        public bool SkipCertificateCheck { get; set; }

        /// <summary>How long to wait for response headers of one attempt.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>Longer GET URIs are sent as POST with <c>_method=GET</c>.</summary>
        public int MaxUriLength { get; set; } = 2000;

        public string UserAgent { get; set; } = "Igtimi.Client/" + typeof(IgtimiClientOptions).Assembly.GetName().Version;

        public RetryPolicy Retry { get; set; } = new RetryPolicy();

        public static Uri NormalizeBaseUri(Uri baseUri)
        {
            if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"The base URI '{baseUri.OriginalString}' must be an absolute http or https URI.", nameof(baseUri));
            if (!string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment))
                throw new ArgumentException($"The base URI '{baseUri.OriginalString}' must not have a query or fragment.", nameof(baseUri));
            var text = baseUri.AbsoluteUri;
            return text.EndsWith("/", StringComparison.Ordinal) ? baseUri : new Uri(text + "/");
        }
    }
}
