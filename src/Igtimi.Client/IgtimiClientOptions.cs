using System;
using Igtimi.Client.Http;

namespace Igtimi.Client
{
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

        /// <summary>The server's dialect; null finds it out at connect (see <see cref="Api.IgtimiDialects.DetectAsync"/>).</summary>
        public IgtimiServerFlavor? Flavor { get; set; }

        /// <summary>The REST root relative to <see cref="BaseUri"/> (set from the dialect at connect).</summary>
        public string ApiPath { get; set; } = "api/v1/";

        /// <summary>Whether a GET too long for a URI may go as POST + <c>_method=GET</c> (igtimi.com's Rails did; SAP's server does not).</summary>
        public bool AllowsMethodOverride { get; set; } = true;

        public bool SkipCertificateCheck { get; set; }

        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);
        public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(30);
        public const long DefaultMaxBufferedBodyBytes = 64L << 20;
        public const long DefaultMaxStreamedBodyBytes = 4L << 30;

        /// <summary>
        /// The time a server has for one attempt: to send the headers and the whole body. Only time
        /// spent waiting for the server counts, not time the reader spends on what came.
        /// </summary>
        public TimeSpan Timeout { get; set; } = DefaultTimeout;

        /// <summary>The longest silence in the middle of a body before it counts as stalled.</summary>
        public TimeSpan IdleTimeout { get; set; } = DefaultIdleTimeout;

        /// <summary>The largest body read into memory (JSON objects, error bodies, Invoke-IgtimiApi), after decompression.</summary>
        public long MaxBufferedBodyBytes { get; set; } = DefaultMaxBufferedBodyBytes;

        /// <summary>The largest body streamed (bulk data, -OutFile), after decompression.</summary>
        public long MaxStreamedBodyBytes { get; set; } = DefaultMaxStreamedBodyBytes;

        /// <summary>Longer GET URIs are sent as POST with <c>_method=GET</c>.</summary>
        public int MaxUriLength { get; set; } = 2000;

        public string UserAgent { get; set; } = "Igtimi.Client/" + typeof(IgtimiClientOptions).Assembly.GetName().Version;

        public RetryPolicy Retry { get; set; } = new RetryPolicy();

        /// <summary>A copy for the server root and dialect found at connect, with the dialect's API path and rules.</summary>
        internal IgtimiClientOptions ForServer(Uri root, IgtimiServerFlavor flavor, string apiPath, bool allowsMethodOverride, int maxUriLength) =>
            new IgtimiClientOptions(root)
            {
                Flavor = flavor,
                ApiPath = apiPath,
                AllowsMethodOverride = allowsMethodOverride,
                SkipCertificateCheck = SkipCertificateCheck,
                Timeout = Timeout,
                IdleTimeout = IdleTimeout,
                MaxBufferedBodyBytes = MaxBufferedBodyBytes,
                MaxStreamedBodyBytes = MaxStreamedBodyBytes,
                MaxUriLength = maxUriLength,
                UserAgent = UserAgent,
                Retry = Retry,
            };

        /// <summary>Throws ArgumentException when a limit is out of its range, before any connection is made.</summary>
        public void Validate()
        {
            if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromHours(1))
                throw new ArgumentException($"The timeout must be between 1 second and 1 hour, not {Timeout}.");
            if (IdleTimeout < TimeSpan.FromMilliseconds(100) || IdleTimeout > TimeSpan.FromHours(1))
                throw new ArgumentException($"The idle timeout must be between 0.1 second and 1 hour, not {IdleTimeout}.");
            if (MaxBufferedBodyBytes < 1024 || MaxStreamedBodyBytes < MaxBufferedBodyBytes)
                throw new ArgumentException("The body size limits must be at least 1 KB, and the streamed one at least the buffered one.");
        }

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
