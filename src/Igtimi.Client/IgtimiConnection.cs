using System;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Api;
using Igtimi.Client.Auth;
using Igtimi.Client.Http;
using Igtimi.Client.Models;

namespace Igtimi.Client
{
    /// <summary>
    /// A signed-in session with one Igtimi server: base URI, flavor, the user, how it authenticated.
    /// The access token stays inside; it is never a public property and never in ToString().
    /// </summary>
    public sealed class IgtimiConnection : IDisposable
    {
        private static int _lastNumber;
        private string? _accessToken;
        private bool _open;

        private IgtimiConnection(IgtimiClientOptions options, IgtimiGrant grant)
        {
            Options = options;
            Number = Interlocked.Increment(ref _lastNumber);
            AuthenticationMethod = grant.Method;
            ClientId = grant.ClientId;
            Http = new IgtimiHttp(options, () => _accessToken);
            Dialect = IgtimiDialects.Create(options.Flavor ?? IgtimiServerFlavor.Igtimi, Http, () => _accessToken);
        }

        /// <summary>A short number that tells open connections apart within a process.</summary>
        public int Number { get; }

        public Uri BaseUri => Options.BaseUri;
        public Uri ApiUri => Http.ApiUri;
        public IgtimiServerFlavor Flavor => Dialect.Flavor;
        public IgtimiUser User { get; private set; } = new IgtimiUser();
        public AuthenticationMethod AuthenticationMethod { get; }
        public string? ClientId { get; }
        public DateTimeOffset ConnectedAt { get; private set; }
        public bool SkipCertificateCheck => Options.SkipCertificateCheck;

        /// <summary>The time the server has for one request (headers and body).</summary>
        public TimeSpan Timeout => Options.Timeout;

        /// <summary>The signed-in user's name (SAP's user name, else the e-mail address), for display.</summary>
        public string UserName => User.Name;

        public bool IsOpen => _open;

        /// <summary>True for a connection without a token (SAP's anonymous user).</summary>
        public bool IsAnonymous => _open && _accessToken is null;

        internal IgtimiClientOptions Options { get; }

        /// <summary>The HTTP core; sends the token but never exposes it. Not public: a script must not reach its retry policy or handlers.</summary>
        internal IgtimiHttp Http { get; }

        /// <summary>Where and how this server's endpoints are called (see <see cref="IgtimiApi"/>).</summary>
        internal IIgtimiDialect Dialect { get; }

        /// <summary>
        /// Finds the server's dialect (unless the options name it), signs in the dialect's way, then
        /// proves the token by reading the account.
        /// </summary>
        public static async Task<IgtimiConnection> ConnectAsync(IgtimiClientOptions options, IgtimiGrant grant, CancellationToken cancellationToken)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (grant is null) throw new ArgumentNullException(nameof(grant));
            var server = await IgtimiDialects.FindServerAsync(options, cancellationToken).ConfigureAwait(false);
            var connection = new IgtimiConnection(server, grant);
            try
            {
                connection._accessToken = await connection.Dialect.SignInAsync(grant, cancellationToken).ConfigureAwait(false);
                connection._open = true;
                if (grant.ActsForUser)
                    connection.User = await connection.Dialect.GetAccountAsync(cancellationToken).ConfigureAwait(false);
                else
                    connection.User = await ProveAppTokenAsync(connection, grant, cancellationToken).ConfigureAwait(false);
                connection.ConnectedAt = DateTimeOffset.UtcNow;
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>True for an app's own token (client_credentials): there is no user, so nothing "for the user" works.</summary>
        public bool IsAppOnly => AuthenticationMethod == AuthenticationMethod.ClientCredentials;

        /// <summary>
        /// An app token has no account to read, so the data type list (a call about no user) proves that the server takes
        /// it; the connection's user is a stand-in named after the app.
        /// </summary>
        private static async Task<IgtimiUser> ProveAppTokenAsync(IgtimiConnection connection, IgtimiGrant grant, CancellationToken cancellationToken)
        {
            await connection.Dialect.GetDataTypesAsync(cancellationToken).ConfigureAwait(false);
            return new IgtimiUser { UserName = "app " + grant.ClientId };
        }

        /// <summary>True when the URI is on this connection's server (scheme, host and port), so the token may go there.</summary>
        public bool IsSameServer(Uri uri) => Http.IsSameServer(uri);

        /// <summary>The absolute URI a request goes to; an ArgumentException when it would leave this server.</summary>
        public Uri Resolve(IgtimiRequest request) => Http.Resolve(request);

        /// <summary>Sends any request and reads the body, or streams it into <paramref name="outFile"/>.</summary>
        public Task<ApiCallResult> InvokeAsync(IgtimiRequest request, string? outFile, CancellationToken cancellationToken) =>
            outFile is null ? Http.InvokeAsync(request, cancellationToken) : Http.InvokeToFileAsync(request, outFile, cancellationToken);

        internal string? AccessTokenForProtocol => _accessToken;

        public override string ToString()
        {
            return $"{User.Name} at {BaseUri} ({Flavor}, {AuthenticationMethod})";
        }

        public void Dispose()
        {
            _open = false;
            _accessToken = null;
            Http.Dispose();
        }
    }
}
