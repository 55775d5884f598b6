using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Igtimi.Client.Http
{
    /// <summary>
    /// The HTTP core of one connection: one HttpClient, Igtimi request encoding, bearer token,
    /// retry, error mapping and redacted tracing.
    /// </summary>
    public sealed class IgtimiHttp : IDisposable
    {
        private const int MaxErrorBodyLength = 4096;
        private readonly HttpClient _client;
        private readonly Func<string?> _token;
        private readonly IgtimiClientOptions _options;

        public IgtimiHttp(IgtimiClientOptions options, Func<string?> token, HttpMessageHandler? handler = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _token = token ?? throw new ArgumentNullException(nameof(token));
            _client = new HttpClient(handler ?? CreateHandler(options), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
            SiteUri = options.BaseUri;
            ApiUri = new Uri(options.BaseUri, options.ApiPath);
        }

        public Uri SiteUri { get; }
        public Uri ApiUri { get; }
        public RetryPolicy Retry => _options.Retry;
        public TimeSpan Timeout => _options.Timeout;

        /// <summary>The underlying client, for protocol libraries (OAuth) that need one. It carries no token.</summary>
        internal HttpClient Client => _client;

        internal static HttpMessageHandler CreateHandler(IgtimiClientOptions options)
        {
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
            };
            if (options.SkipCertificateCheck)
                handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
            return handler;
        }

        public Uri Resolve(IgtimiRequest request)
        {
            if (request.AbsoluteUri != null) return request.AbsoluteUri;
            var root = request.Root == IgtimiEndpointRoot.Api ? ApiUri : SiteUri;
            var path = request.Path.TrimStart('/');
            return new Uri(root, path);
        }

        /// <summary>Sends the request with retry. Throws <see cref="IgtimiApiException"/> on any non-2xx status or network failure.</summary>
        public async Task<IgtimiResponse> SendAsync(IgtimiRequest request, CancellationToken cancellationToken)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            var plan = Plan(request);
            var mayRetry = request.Retry ?? (RetryPolicy.IsIdempotent(plan.Method) || plan.IsMethodOverride);
            var maxRetries = mayRetry ? Math.Max(0, Retry.MaxRetries) : 0;

            for (var attempt = 0; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IgtimiApiException failure;
                try
                {
                    var message = await SendOnceAsync(request, plan, cancellationToken).ConfigureAwait(false);
                    if ((int)message.StatusCode >= 200 && (int)message.StatusCode < 300)
                        return new IgtimiResponse(message, plan.RedactedUri);
                    using (message)
                        failure = await ToExceptionAsync(message, plan, cancellationToken).ConfigureAwait(false);
                    if (!RetryPolicy.IsRetryableStatus(failure.StatusCode!.Value) || attempt >= maxRetries) throw failure;
                }
                catch (IgtimiApiException network) when (network.StatusCode is null && !network.IsUnreachable && attempt < maxRetries)
                {
                    failure = network;
                }

                var wait = failure.RetryAfter ?? Retry.BackoffDelay(attempt + 1);
                if (failure.RetryAfter > Retry.MaxRetryAfter)
                {
                    IgtimiTrace.Verbose($"The server asks to wait {failure.RetryAfter.Value.TotalSeconds:0} s, longer than the {Retry.MaxRetryAfter.TotalSeconds:0} s limit; giving up.");
                    throw failure;
                }
                IgtimiTrace.Verbose($"{plan.Method} {plan.RedactedUri}: {Describe(failure)}; retry {attempt + 1} of {maxRetries} in {wait.TotalSeconds:0.##} s.");
                await Retry.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        private static string Describe(IgtimiApiException failure) =>
            failure.StatusCode is HttpStatusCode status ? $"{(int)status} {StatusText(status)}" : failure.IsTimeout ? "timed out" : "network error";

        private sealed class SendPlan
        {
            public HttpMethod Method = HttpMethod.Get;
            public Uri Uri = null!;
            public IgtimiRequestBody? Body;
            public bool IsMethodOverride;
            public string RedactedUri = "";
        }

        private SendPlan Plan(IgtimiRequest request)
        {
            var baseUri = Resolve(request);
            var plan = new SendPlan { Method = request.Method, Body = request.Body };
            var query = request.Query;
            var uri = AppendQuery(baseUri, query);
            var tooLong = uri.AbsoluteUri.Length > _options.MaxUriLength;
            if (request.Method == HttpMethod.Get && request.Body is null && (request.ForceMethodOverride || tooLong))
            {
                var form = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("_method", "GET") };
                form.AddRange(query);
                plan.Method = HttpMethod.Post;
                plan.Body = IgtimiRequestBody.FromForm(form);
                plan.IsMethodOverride = true;
                uri = baseUri;
                if (tooLong) IgtimiTrace.Debug($"Query of {query.Count} parameters is too long for a URI; sending POST with _method=GET.");
            }
            plan.Uri = uri;
            plan.RedactedUri = Redactor.RedactUri(uri);
            return plan;
        }

        private static Uri AppendQuery(Uri uri, IList<KeyValuePair<string, string>> query)
        {
            if (query.Count == 0) return uri;
            var builder = new UriBuilder(uri);
            var existing = builder.Query.TrimStart('?');
            var encoded = QueryEncoder.Encode(query);
            builder.Query = string.IsNullOrEmpty(existing) ? encoded : existing + "&" + encoded;
            return builder.Uri;
        }

        private async Task<HttpResponseMessage> SendOnceAsync(IgtimiRequest request, SendPlan plan, CancellationToken cancellationToken)
        {
            using var message = new HttpRequestMessage(plan.Method, plan.Uri);
            message.Headers.Accept.ParseAdd(request.Accept);
            if (request.Authenticated)
            {
                var token = _token();
                if (!string.IsNullOrEmpty(token)) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            if (plan.Body != null) message.Content = plan.Body.CreateContent();

            IgtimiTrace.Verbose($"{plan.Method} {plan.RedactedUri}");
            if (plan.IsMethodOverride || plan.Body?.Form != null)
                IgtimiTrace.Debug("Form body: " + Redactor.Redact(QueryEncoder.Encode(plan.Body!.Form!), Secrets()));

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            var stopwatch = Stopwatch.StartNew();
            try
            {
                var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                IgtimiTrace.Debug($"{(int)response.StatusCode} {StatusText(response.StatusCode)} from {plan.Method} {plan.RedactedUri} in {stopwatch.ElapsedMilliseconds} ms ({response.Content?.Headers.ContentType?.MediaType ?? "no content type"})");
                return response;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new IgtimiApiException($"{plan.Method} {plan.RedactedUri} timed out after {_options.Timeout.TotalSeconds:0} s.",
                    null, null, null, plan.Method.Method, plan.RedactedUri) { IsTimeout = true };
            }
            catch (HttpRequestException ex)
            {
                throw NetworkFailure(ex, plan);
            }
            catch (IOException ex)
            {
                throw NetworkFailure(ex, plan);
            }
        }

        private IgtimiApiException NetworkFailure(Exception ex, SendPlan plan)
        {
            var socket = FindInner<SocketException>(ex);
            var unreachable = socket != null && (socket.SocketErrorCode == SocketError.ConnectionRefused ||
                socket.SocketErrorCode == SocketError.HostNotFound || socket.SocketErrorCode == SocketError.NoData ||
                socket.SocketErrorCode == SocketError.HostUnreachable || socket.SocketErrorCode == SocketError.NetworkUnreachable ||
                socket.SocketErrorCode == SocketError.TryAgain);
            unreachable |= FindInner<System.Security.Authentication.AuthenticationException>(ex) != null;
            var reason = Redactor.Redact(Innermost(ex).Message, Secrets());
            return new IgtimiApiException($"{plan.Method} {plan.RedactedUri} failed: {reason}", null, null, null,
                plan.Method.Method, plan.RedactedUri, innerException: null) { IsUnreachable = unreachable };
        }

        private static T? FindInner<T>(Exception? ex) where T : Exception
        {
            for (; ex != null; ex = ex.InnerException)
                if (ex is T match) return match;
            return null;
        }

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }

        private IEnumerable<string> Secrets()
        {
            var token = _token();
            return token is null ? Array.Empty<string>() : new[] { token };
        }

        private async Task<IgtimiApiException> ToExceptionAsync(HttpResponseMessage response, SendPlan plan, CancellationToken cancellationToken)
        {
            string body = "";
            if (response.Content != null)
            {
                try
                {
                    body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    body = "";
                    IgtimiTrace.Debug("The error response body could not be read: " + ex.Message);
                }
                catch (IOException ex)
                {
                    body = "";
                    IgtimiTrace.Debug("The error response body could not be read: " + ex.Message);
                }
            }
            cancellationToken.ThrowIfCancellationRequested();
            body = Redactor.Redact(body.Length > MaxErrorBodyLength ? body.Substring(0, MaxErrorBodyLength) : body, Secrets());
            var (error, description) = ApiErrorBody.Parse(body);
            var retryAfter = RetryPolicy.ParseRetryAfter(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
            var message = $"{plan.Method} {plan.RedactedUri} failed with {(int)response.StatusCode} {StatusText(response.StatusCode)}";
            if (error != null) message += $": {error}";
            if (description != null) message += $" ({description})";
            message += ".";
            return new IgtimiApiException(message, response.StatusCode, error, description, plan.Method.Method, plan.RedactedUri, body, retryAfter);
        }

        internal static string StatusText(HttpStatusCode status)
        {
            using var message = new HttpResponseMessage(status);
            return message.ReasonPhrase ?? "";
        }

        public void Dispose() => _client.Dispose();
    }

    /// <summary>Reads igtimi.com's error shapes: <c>{"error","error_description"}</c> and <c>{"error","reason"}</c>.</summary>
    public static class ApiErrorBody
    {
        public static (string? Error, string? Description) Parse(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return (null, null);
            var trimmed = body!.TrimStart();
            if (!trimmed.StartsWith("{", StringComparison.Ordinal)) return (null, null);
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, null);
                string? error = null, description = null;
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var name = property.Name.Trim();
                    if (name == "error") error = AsText(property.Value);
                    else if (name == "error_description" || name == "reason" || name == "message") description ??= AsText(property.Value);
                }
                return (error, description);
            }
            catch (JsonException)
            {
                return (null, null);
            }
        }

        private static string? AsText(JsonElement value) =>
            value.ValueKind == JsonValueKind.String ? value.GetString() :
            value.ValueKind == JsonValueKind.Null ? null : value.GetRawText();
    }
}
