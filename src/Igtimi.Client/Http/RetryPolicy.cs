using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Igtimi.Client.Http
{
    /// <summary>
    /// Retry for idempotent requests on 429/502/503/504 and transient network errors: Retry-After
    /// (delta or date) when the server sends it, else capped exponential backoff with jitter.
    /// </summary>
    public sealed class RetryPolicy
    {
        private static readonly object RandomLock = new object();
        private static readonly Random SharedRandom = new Random();

        public int MaxRetries { get; set; } = 4;
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>A longer Retry-After than this is not waited for; the call fails instead.</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>The wait itself; tests replace it to run without sleeping.</summary>
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (delay, ct) => Task.Delay(delay, ct);

        public static bool IsRetryableStatus(HttpStatusCode status) =>
            status == (HttpStatusCode)429 || status == HttpStatusCode.BadGateway ||
            status == HttpStatusCode.ServiceUnavailable || status == HttpStatusCode.GatewayTimeout;


        public static bool IsIdempotent(HttpMethod method) =>
            method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put ||
            method == HttpMethod.Delete || method == HttpMethod.Options || method == HttpMethod.Trace;

        /// <summary>
        /// True when a failed write certainly changed nothing, so sending it again cannot apply it twice:
        /// a 429 (a rate limiter's refusal, RFC 6585 section 4), or a 503 that carries Retry-After (a server
        /// or proxy that is not taking requests and says when to come back, RFC 9110 section 15.6.4). A 503
        /// without Retry-After, a 500, 502 or 504, a timeout or a broken connection can all follow a change
        /// that was made, so a write is never repeated after them.
        /// </summary>
        public static bool ProvesNothingHappened(IgtimiApiException failure) =>
            failure.Kind == IgtimiErrorKind.HttpStatus &&
            (failure.StatusCode == (HttpStatusCode)429 || (failure.StatusCode == HttpStatusCode.ServiceUnavailable && failure.RetryAfter.HasValue));

        /// <summary>The wait before retry number <paramref name="retry"/> (1-based).</summary>
        public TimeSpan BackoffDelay(int retry)
        {
            var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1));
            var capped = Math.Min(MaxDelay.TotalMilliseconds, exponential);
            double jitter;
            lock (RandomLock) jitter = SharedRandom.NextDouble();
            return TimeSpan.FromMilliseconds(capped / 2 + jitter * capped / 2);
        }

        /// <summary>Reads Retry-After as delta seconds or HTTP date; null when absent or unreadable.</summary>
        public static TimeSpan? ParseRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
        {
            if (header is null) return null;
            if (header.Delta is TimeSpan delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            if (header.Date is DateTimeOffset date)
            {
                var wait = date - now;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }
    }
}
