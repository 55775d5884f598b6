using System;
using System.Management.Automation;
using System.Security;
using Igtimi.Client;
using Igtimi.Client.Auth;
using Igtimi.Client.Http;
using IgtimiPS.Arguments;
using IgtimiPS.Base;
using IgtimiPS.Connections;
using IgtimiPS.Errors;
using IgtimiPS.Module;

namespace IgtimiPS.Cmdlets.Connection
{
    /// <summary>Signs in to an Igtimi server and makes the connection current.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Igtimi", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(IgtimiConnection))]
    public sealed class ConnectIgtimiCmdlet : IgtimiCmdlet
    {
        private const string EnvironmentSet = "Environment";
        private const string AccessTokenSet = "AccessToken";
        private const string PasswordSet = "Password";
        private const string CodeSet = "Code";
        private const string TokenSet = "Token";
        private const string AnonymousSet = "Anonymous";
        private const string ClientCredentialsSet = "ClientCredentials";

        public const string AccessTokenVariable = "IGTIMI_ACCESS_TOKEN";
        public const string BaseUriVariable = "IGTIMI_BASE_URI";
        public const string ClientIdVariable = "IGTIMI_CLIENT_ID";
        public const string ClientSecretVariable = "IGTIMI_CLIENT_SECRET";
        public const string UserNameVariable = "IGTIMI_USERNAME";
        public const string PasswordVariable = "IGTIMI_PASSWORD";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = AccessTokenSet)]
        [SecretTransformation]
        [ValidateNotNull]
        public SecureString AccessToken { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = PasswordSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = null!;

        /// <summary>The OAuth2 app of igtimi.com; SAP's server has no apps and needs none.</summary>
        [Parameter(ParameterSetName = PasswordSet)]
        [Parameter(Mandatory = true, ParameterSetName = CodeSet)]
        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        [Parameter(Mandatory = true, ParameterSetName = ClientCredentialsSet)]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        [Parameter(ParameterSetName = PasswordSet)]
        [Parameter(Mandatory = true, ParameterSetName = CodeSet)]
        [Parameter(Mandatory = true, ParameterSetName = ClientCredentialsSet)]
        [SecretTransformation]
        public SecureString? ClientSecret { get; set; }

        /// <summary>OAuth2 client_credentials: a token for the app itself, with no user (igtimi.com dialect only).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientCredentialsSet)]
        public SwitchParameter ClientCredentials { get; set; }

        [Parameter(ParameterSetName = CodeSet)]
        [Parameter(ParameterSetName = TokenSet)]
        [ValidateNotNullOrEmpty]
        public string? RedirectUri { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        public SwitchParameter Implicit { get; set; }

        [Parameter(ParameterSetName = CodeSet)]
        [Parameter(ParameterSetName = TokenSet)]
        public SwitchParameter NoBrowser { get; set; }

        /// <summary>No sign-in: SAP's server then shows what its anonymous user may read (public devices only).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AnonymousSet)]
        public SwitchParameter Anonymous { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        /// <summary>The server's dialect, when probing cannot tell (a proxy that hides paths); by default it is found out.</summary>
        [Parameter]
        public IgtimiServerFlavor? Flavor { get; set; }

        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Seconds the server has for each request: its headers and its whole body (default 100).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = (int)IgtimiClientOptions.DefaultTimeout.TotalSeconds;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var baseUri = ResolveBaseUri();
            IgtimiGrant grant;
            try
            {
                grant = CreateGrant();
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.SignInFailed, ErrorCategory.InvalidArgument, null, inner: ex));
                return;
            }
            var options = new IgtimiClientOptions(baseUri)
            {
                SkipCertificateCheck = SkipCertificateCheck.IsPresent,
                UserAgent = ModuleInfo.UserAgent,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                Flavor = Flavor,
            };
            if (SkipCertificateCheck)
                WriteWarning("-SkipCertificateCheck: the server's TLS certificate is not checked, so the token could reach an impostor. " +
                             "Use it only for test servers.");
            if (baseUri.Scheme == Uri.UriSchemeHttp && !baseUri.IsLoopback)
                WriteWarning($"{baseUri} is plain http: the access token travels unencrypted.");

            IgtimiConnection? connection = null;
            try
            {
                RunAsync(async ct =>
                {
                    EmitVerbose($"Signing in to {baseUri} ({grant.Method}).");
                    connection = await IgtimiConnection.ConnectAsync(options, grant, ct).ConfigureAwait(false);
                });
            }
            catch (IgtimiApiException ex)
            {
                ThrowTerminatingError(ConnectError(ex, baseUri));
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.SignInFailed, ErrorCategory.InvalidArgument, null, inner: ex));
            }
            catch (TimeoutException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.SignInFailed, ErrorCategory.OperationTimeout, null, inner: ex));
            }

            if (connection!.IsAppOnly)
                WriteWarning($"The token of {connection.ClientId} acts for the app, not for a user: Get-IgtimiAccount and the user's own devices, " +
                             "groups and sessions are not available, and every write is refused. Public sessions and the data types can be read.");
            IgtimiConnectionRegistry.Add(connection!, makeCurrent: true);
            WriteVerbose($"Connected to {connection!.BaseUri} ({connection.Flavor} dialect) as {connection.UserName}.");
            if (PassThru) WriteObject(connection);
        }

        private Uri ResolveBaseUri()
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(BaseUriVariable);
            Uri candidate;
            if (BaseUri != null) candidate = BaseUri;
            else if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                if (!Uri.TryCreate(fromEnvironment!.Trim(), UriKind.Absolute, out candidate!))
                    ThrowTerminatingError(ErrorRecords.Create($"{BaseUriVariable} ('{fromEnvironment}') is not an absolute URI.",
                        ErrorIds.InvalidBaseUri, ErrorCategory.InvalidArgument, fromEnvironment));
            }
            else candidate = IgtimiClientOptions.HistoricalBaseUri;

            try
            {
                return IgtimiClientOptions.NormalizeBaseUri(candidate);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.InvalidBaseUri, ErrorCategory.InvalidArgument, candidate));
                throw;
            }
        }

        private IgtimiGrant CreateGrant()
        {
            switch (ParameterSetName)
            {
                case AccessTokenSet:
                    return new AccessTokenGrant(RequireSecret(SecretText.Reveal(AccessToken), "-AccessToken"));
                case PasswordSet:
                    return new PasswordGrant(ClientId, SecretText.Reveal(ClientSecret), Credential.UserName,
                        Credential.GetNetworkCredential().Password);
                case CodeSet:
                    return new AuthorizationCodeGrant(ClientId!, SecretText.Reveal(ClientSecret), RedirectUri, NoBrowser, new HostSignInInteraction(this));
                case TokenSet:
                    return new ImplicitGrant(ClientId!, RedirectUri, NoBrowser, new HostSignInInteraction(this));
                case AnonymousSet:
                    return new AnonymousGrant();
                case ClientCredentialsSet:
                    return new ClientCredentialsGrant(ClientId!, SecretText.Reveal(ClientSecret) ?? "");
                default:
                    return GrantFromEnvironment();
            }
        }

        private string RequireSecret(string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
                ThrowTerminatingError(ErrorRecords.Create($"{name} is empty.", ErrorIds.SignInFailed, ErrorCategory.InvalidArgument, null));
            return value!;
        }

        private IgtimiGrant GrantFromEnvironment()
        {
            var token = Environment.GetEnvironmentVariable(AccessTokenVariable);
            if (!string.IsNullOrWhiteSpace(token)) return new AccessTokenGrant(token!, AuthenticationMethod.Environment);

            var clientId = Environment.GetEnvironmentVariable(ClientIdVariable);
            var userName = Environment.GetEnvironmentVariable(UserNameVariable);
            var password = Environment.GetEnvironmentVariable(PasswordVariable);
            // SAP's server needs no client id; igtimi.com's password grant says so when it is missing.
            if (!string.IsNullOrWhiteSpace(userName) && password != null)
                return new PasswordGrant(clientId, Environment.GetEnvironmentVariable(ClientSecretVariable), userName!, password);

            ThrowTerminatingError(ErrorRecords.Create(
                $"No sign-in was given and the environment has none: set {AccessTokenVariable}, or {UserNameVariable} and {PasswordVariable} " +
                $"(with {ClientIdVariable} and {ClientSecretVariable} for igtimi.com's OAuth2).",
                ErrorIds.EnvironmentIncomplete, ErrorCategory.AuthenticationError, null,
                "Pass -AccessToken, -Credential with -ClientId, or -ClientId with -ClientSecret, or set the environment variables."));
            throw new InvalidOperationException("unreachable");
        }

        private static ErrorRecord ConnectError(IgtimiApiException ex, Uri baseUri)
        {
            if (ex.Kind == IgtimiErrorKind.Unreachable)
            {
                var message = $"Cannot reach the Igtimi server at {baseUri}: {ex.Message} {ErrorRecords.ShutdownNotice}";
                var record = new ErrorRecord(new IgtimiApiException(message, null, null, null, ex.Method, ex.RequestUri, innerException: ex, kind: ex.Kind),
                    ErrorIds.ServerUnreachable, ErrorCategory.ConnectionError, baseUri);
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = ErrorRecords.ShutdownNotice };
                return record;
            }
            if (ex.Kind == IgtimiErrorKind.SignInRejected) return ErrorRecords.FromApiException(ex, null, baseUri);
            // 400/401 from the token endpoint or the account check, an OAuth error in the body, or a refusal on the sign-in page.
            var refused = ex.Kind == IgtimiErrorKind.HttpStatus ? (int)ex.StatusCode!.Value == 400 || (int)ex.StatusCode.Value == 401
                : ex.Kind == IgtimiErrorKind.ApiError;
            if (refused) return ErrorRecords.FromApiException(ex, ErrorIds.AuthenticationFailed, baseUri);
            return ErrorRecords.FromApiException(ex, null, baseUri);
        }
    }
}
