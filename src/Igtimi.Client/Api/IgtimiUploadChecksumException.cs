using System;

namespace Igtimi.Client.Api
{
    /// <summary>The server accepted an upload but reported no md5, or another one than the local file has: the stored file may differ.</summary>
    public sealed class IgtimiUploadChecksumException : Exception
    {
        public IgtimiUploadChecksumException(string path, string localMd5, string? serverMd5, long resourceId)
            : base(serverMd5 is null
                ? $"The server took '{path}' for resource {resourceId} but reported no md5, so the stored file cannot be checked (local md5 {localMd5})."
                : $"The server stored '{path}' for resource {resourceId} with md5 {serverMd5}, but the local file's md5 is {localMd5}: " +
                  "the stored copy differs from the file.")
        {
            Path = path;
            LocalMd5 = localMd5;
            ServerMd5 = serverMd5;
            ResourceId = resourceId;
        }

        public string Path { get; }
        public string LocalMd5 { get; }
        public string? ServerMd5 { get; }
        public long ResourceId { get; }
    }
}
