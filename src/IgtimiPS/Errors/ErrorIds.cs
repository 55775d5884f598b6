namespace IgtimiPS.Errors
{
    /// <summary>Every ErrorId the module writes, in one place, so scripts can match on them.</summary>
    public static class ErrorIds
    {
        public const string NotConnected = "IgtimiNotConnected";
        public const string ConnectionClosed = "IgtimiConnectionClosed";
        public const string ServerUnreachable = "IgtimiServerUnreachable";
        public const string AuthenticationFailed = "IgtimiAuthenticationFailed";
        public const string SignInFailed = "IgtimiSignInFailed";
        public const string EnvironmentIncomplete = "IgtimiEnvironmentIncomplete";
        public const string InvalidBaseUri = "IgtimiInvalidBaseUri";
        public const string ApiRequestFailed = "IgtimiApiRequestFailed";
        public const string RequestTimedOut = "IgtimiRequestTimedOut";
        public const string UriNotOnServer = "IgtimiUriNotOnConnectionServer";
        public const string InvalidUri = "IgtimiInvalidUri";
        public const string InvalidBody = "IgtimiInvalidBody";
        public const string InvalidQuery = "IgtimiInvalidQuery";
        public const string UnexpectedResponse = "IgtimiUnexpectedResponse";
        public const string OutFileFailed = "IgtimiOutFileFailed";
        public const string InvalidParameter = "IgtimiInvalidParameter";
        public const string NotFound = "IgtimiObjectNotFound";
        public const string AccessDenied = "IgtimiAccessDenied";
        public const string InvalidInput = "IgtimiInvalidInput";
        public const string InvalidResponse = "IgtimiInvalidResponse";
        public const string CertificateRejected = "IgtimiCertificateRejected";
        public const string NotOffered = "IgtimiNotOfferedByServer";
        public const string PipelineInputNotSupported = "IgtimiPipelineInputNotSupported";
        public const string EmulatorNotFound = "IgtimiEmulatorNotFound";
        public const string EmulatorStartFailed = "IgtimiEmulatorStartFailed";
        public const string EmulatorStopFailed = "IgtimiEmulatorStopFailed";
        public const string SignInDenied = "IgtimiSignInDenied";
        public const string SignInStateMismatch = "IgtimiSignInStateMismatch";
        public const string SessionLogRejected = "IgtimiSessionLogRejected";
        public const string WriteUnconfirmed = "IgtimiWriteUnconfirmed";
        public const string ArchiveLocked = "IgtimiArchiveLocked";
        public const string ArchiveInvalid = "IgtimiArchiveInvalid";
        public const string ArchiveNotSupported = "IgtimiArchiveNotSupported";
        public const string ArchiveFailed = "IgtimiArchiveFailed";
        public const string ArchiveMissingData = "IgtimiArchiveMissingData";
        public const string UploadChecksumMismatch = "IgtimiUploadChecksumMismatch";

    }
}
