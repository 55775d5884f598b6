using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Auth;
using Igtimi.Client.IO;

namespace Igtimi.Client.Http
{
    /// <summary>
    /// The HTTP core of one connection: one HttpClient, Igtimi request encoding, bearer token,
    /// retry, error mapping and redacted tracing.
    /// </summary>
    public sealed class IgtimiHttp : IDisposable
    {
        private const int MaxErrorBodyLength = 4096;
        private const int MaxErrorBodyRead = 64 * 1024;
        private static readonly TimeSpan ErrorBodyTimeout = TimeSpan.FromSeconds(10);
        private readonly HttpClient _client;
        private readonly Func<string?> _token;
        private readonly IgtimiClientOptions _options;

        public IgtimiHttp(IgtimiClientOptions options, Func<string?> token, HttpMessageHandler? handler = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _token = token ?? throw new ArgumentNullException(nameof(token));
            options.Validate();
            _client = new HttpClient(new ResponseGuardHandler(handler ?? CreateHandler(options), options), disposeHandler: true)
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            _client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
            SiteUri = options.BaseUri;
            ApiUri = new Uri(options.BaseUri, options.ApiPath);
        }

        public Uri SiteUri { get; }
        public Uri ApiUri { get; }
        internal RetryPolicy Retry => _options.Retry;
        public TimeSpan Timeout => _options.Timeout;
        internal IgtimiClientOptions Options => _options;

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

        /// <summary>
        /// The absolute URI of a request. A relative path always lands under its root on this
        /// connection's server; anything else is refused here, before a request exists.
        /// </summary>
        public Uri Resolve(IgtimiRequest request)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            Uri resolved;
            if (request.AbsoluteUri != null)
            {
                resolved = request.AbsoluteUri;
                if (!IsSameServer(resolved))
                    throw new ArgumentException($"'{SafeText.Excerpt(Redactor.RedactUri(resolved))}' is not on the connection's server {SiteUri}; " +
                                                "the token is only sent there.");
                return resolved;
            }
            var root = request.Root == IgtimiEndpointRoot.Api ? ApiUri : SiteUri;
            resolved = new Uri(root, request.Path);
            if (!IsSameServer(resolved) || !resolved.AbsoluteUri.StartsWith(root.AbsoluteUri, StringComparison.Ordinal))
                throw new ArgumentException($"The path '{SafeText.Excerpt(request.Path)}' leads outside {root}.");
            return resolved;
        }

        /// <summary>True when the URI is on this connection's server (scheme, host and port), so the token may go there.</summary>
        public bool IsSameServer(Uri uri) =>
            uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
            Uri.Compare(uri, SiteUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

        /// <summary>Sends the request with retry. Throws <see cref="IgtimiApiException"/> on any non-2xx status or network failure.</summary>
        public async Task<IgtimiResponse> SendAsync(IgtimiRequest request, CancellationToken cancellationToken)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            var plan = Plan(request);
            var mayRetry = request.Retry ?? (!request.IsWrite && (RetryPolicy.IsIdempotent(plan.Method) || plan.IsMethodOverride));
            var mayRetryRefusal = request.IsWrite && request.Retry != false;
            var maxRetries = mayRetry || mayRetryRefusal ? Math.Max(0, Retry.MaxRetries) : 0;

            for (var attempt = 0; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IgtimiApiException failure;
                try
                {
                    var message = await SendOnceAsync(request, plan, cancellationToken).ConfigureAwait(false);
                    if ((int)message.StatusCode >= 200 && (int)message.StatusCode < 300)
                        return new IgtimiResponse(message, plan.Method.Method, plan.RedactedUri, _options.MaxBufferedBodyBytes);
                    using (message)
                        failure = await ToExceptionAsync(message, plan, cancellationToken).ConfigureAwait(false);
                    var retryable = mayRetry
                        ? failure.Kind == IgtimiErrorKind.HttpStatus && RetryPolicy.IsRetryableStatus(failure.StatusCode!.Value)
                        : RetryPolicy.ProvesNothingHappened(failure);
                    if (!retryable || attempt >= maxRetries)
                        throw failure;
                }
                catch (IgtimiApiException network) when (mayRetry && (network.Kind == IgtimiErrorKind.Network || network.Kind == IgtimiErrorKind.Timeout) &&
                                                         attempt < maxRetries)
                {
                    failure = network;
                }

                var wait = failure.RetryAfter ?? Retry.BackoffDelay(attempt + 1);
                if (failure.RetryAfter > Retry.MaxRetryAfter)
                {
                    IgtimiTrace.Verbose($"The server asks to wait {failure.RetryAfter.Value.TotalSeconds:0} s, " +
                                        $"longer than the {Retry.MaxRetryAfter.TotalSeconds:0} s limit; giving up.");
                    throw failure;
                }
                IgtimiTrace.Verbose($"{plan.Method} {plan.RedactedUri}: {Describe(failure)}; " +
                                    $"retry {attempt + 1} of {maxRetries} in {wait.TotalSeconds:0.##} s.");
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
            public ResponseLimits Limits = null!;
        }

        private SendPlan Plan(IgtimiRequest request)
        {
            var baseUri = Resolve(request);
            var plan = new SendPlan
            {
                Method = request.Method,
                Body = request.Body,
                Limits = request.StreamedBody ? ResponseLimits.Streamed(_options) : ResponseLimits.Buffered(_options),
            };
            var query = request.Query;
            var uri = AppendQuery(baseUri, query);
            var tooLong = uri.AbsoluteUri.Length > _options.MaxUriLength;
            if (tooLong && !_options.AllowsMethodOverride && request.Body is null)
                throw new ArgumentException($"The query makes a URI of {uri.AbsoluteUri.Length:N0} characters, too long for one request, and this server has no " +
                                            "POST with _method=GET to carry it; split the call.");
            if (request.Method == HttpMethod.Get && request.Body is null && _options.AllowsMethodOverride && (request.ForceMethodOverride || tooLong))
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
            plan.Limits.ApplyTo(message);
            message.Headers.Accept.ParseAdd(request.Accept);
            if (request.Authorization != null) message.Headers.Authorization = request.Authorization;
            else if (request.Authenticated)
            {
                var token = _token();
                if (!string.IsNullOrEmpty(token))
                {
                    if (!AccessTokens.IsValid(token!)) throw new ArgumentException("The access token holds characters a header cannot carry.");
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }
            }
            if (plan.Body != null) message.Content = plan.Body.CreateContent();

            IgtimiTrace.Verbose($"{plan.Method} {plan.RedactedUri}");
            if (plan.IsMethodOverride || (plan.Body?.Form != null && plan.Body.FileName is null))
                IgtimiTrace.Debug("Form body: " + Redactor.Redact(QueryEncoder.Encode(plan.Body!.Form!), Secrets()));

            var stopwatch = Stopwatch.StartNew();
            try
            {
                var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                IgtimiTrace.Debug($"{(int)response.StatusCode} {StatusText(response.StatusCode)} from {plan.Method} {plan.RedactedUri} " +
                                  $"in {stopwatch.ElapsedMilliseconds} ms ({response.Content?.Headers.ContentType?.MediaType ?? "no content type"})");
                return response;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested &&
                                       (ex is HttpRequestException || ex is IOException || ex is OperationCanceledException))
            {
                throw TransportFailure.From(ex, plan.Method.Method, plan.RedactedUri, Secrets());
            }
        }

        private IEnumerable<string> Secrets()
        {
            var token = _token();
            return token is null ? Array.Empty<string>() : new[] { token };
        }

        private async Task<IgtimiApiException> ToExceptionAsync(HttpResponseMessage response, SendPlan plan, CancellationToken cancellationToken)
        {
            var status = response.StatusCode;
            var (body, bodyProblem) = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
            body = Redactor.Redact(body, Secrets());
            var retryAfter = RetryPolicy.ParseRetryAfter(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
            var message = $"{plan.Method} {plan.RedactedUri} failed with {(int)status} {StatusText(status)}";
            if ((int)status >= 300 && (int)status < 400)
            {
                var location = response.Headers.Location;
                var target = location is null
                    ? "nowhere"
                    : SafeText.Excerpt(Redactor.RedactUri(location.IsAbsoluteUri ? location : new Uri(plan.Uri, location)), 120);
                message += $": the server redirects to {target}. Redirects are not followed, so that the token only goes to {SiteUri}.";
                return new IgtimiApiException(message, status, null, null, plan.Method.Method, plan.RedactedUri, body, retryAfter,
                    kind: IgtimiErrorKind.ProtocolViolation);
            }
            var (error, description) = ApiErrorBody.Parse(body);
            if (error != null) message += $": {SafeText.Excerpt(error, 200)}";
            if (description != null) message += $" ({SafeText.Excerpt(description, 300)})";
            else if (error is null && body.Length > 0 && IsMarkupType(response))
                message += $" (the body is {response.Content?.Headers.ContentType?.MediaType}: {SafeText.Excerpt(HtmlTitle(body) ?? body, 120)})";
            else if (error is null && body.Length > 0)
                message += $" ({SafeText.Excerpt(body, 200)})";
            if (bodyProblem != null) message += $" (the error body was not read to its end: {bodyProblem})";
            message += ".";
            return new IgtimiApiException(message, status, error is null ? null : SafeText.Excerpt(error, 200),
                description is null ? null : SafeText.Excerpt(description, 1000),
                plan.Method.Method, plan.RedactedUri, body, retryAfter, kind: IgtimiErrorKind.HttpStatus);
        }

        /// <summary>
        /// Reads at most 64 KB of an error body within 10 s (and the cancellation token), keeps 4 KB:
        /// an error body that never ends must not hold the call, nor Ctrl+C.
        /// </summary>
        private static async Task<(string Body, string? Problem)> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            if (response.Content is null) return ("", null);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ErrorBodyTimeout);
            var buffer = new byte[MaxErrorBodyRead];
            var length = 0;
            string? problem = null;
            try
            {
                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                int read;
                while (length < buffer.Length &&
                       (read = await stream.ReadAsync(buffer, length, buffer.Length - length, timeout.Token).ConfigureAwait(false)) > 0)
                    length += read;
                if (length == buffer.Length) problem = $"it is longer than {MaxErrorBodyRead / 1024} KB";
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested &&
                                       (ex is IOException || ex is HttpRequestException || ex is OperationCanceledException || ex is ObjectDisposedException))
            {
                problem = ex is OperationCanceledException ? $"it took longer than {ErrorBodyTimeout.TotalSeconds:0} s" : TransportFailure.Classify(ex).Reason;
            }
            cancellationToken.ThrowIfCancellationRequested();
            var text = new UTF8Encoding(false, false).GetString(buffer, 0, length).TrimStart('\uFEFF');
            return (text.Length > MaxErrorBodyLength ? text.Substring(0, MaxErrorBodyLength) : text, problem);
        }

        private static bool IsMarkupType(HttpResponseMessage response)
        {
            var type = response.Content?.Headers.ContentType?.MediaType;
            return type != null && (type.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0 ||
                                    type.IndexOf("xml", StringComparison.OrdinalIgnoreCase) >= 0);
        }

        private static string? HtmlTitle(string html)
        {
            var start = html.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
            if (start < 0) return null;
            var end = html.IndexOf("</title>", start, StringComparison.OrdinalIgnoreCase);
            return end < 0 ? null : html.Substring(start + 7, end - start - 7).Trim();
        }

        /// <summary>Sends the request and reads the whole body (at most the buffered size limit).</summary>
        public async Task<ApiCallResult> InvokeAsync(IgtimiRequest request, CancellationToken cancellationToken)
        {
            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.ReadAsBytesAsync(cancellationToken).ConfigureAwait(false);
            return new ApiCallResult(response.StatusCode, response.Headers, response.ContentType, body, response.RequestUri);
        }

        /// <summary>
        /// Sends the request and streams the body into a file; the file is only replaced when the
        /// download completed. A folder or a missing parent folder is refused before the request.
        /// </summary>
        public async Task<ApiCallResult> InvokeToFileAsync(IgtimiRequest request, string path, CancellationToken cancellationToken)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full)) throw new IOException($"'{full}' is a folder; give the path of a file.");
            var folder = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder)) throw new DirectoryNotFoundException($"The folder '{folder}' does not exist.");
            request.StreamedBody = true;
            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            using (var file = AtomicFile.Create(full))
            {
                await response.CopyToAsync(file.Stream, cancellationToken).ConfigureAwait(false);
                file.Commit();
            }
            return new ApiCallResult(response.StatusCode, response.Headers, response.ContentType, Array.Empty<byte>(), response.RequestUri);
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
