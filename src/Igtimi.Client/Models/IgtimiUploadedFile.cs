using System;

namespace Igtimi.Client.Models
{
    /// <summary>
    /// A file sent with <c>resource_data/upload</c> (docs/design/igtimi-api-2013.md section 3.5): the resource it went to,
    /// the md5 the server reported (checked against the local file before this object exists) and the server's <c>source</c>.
    /// </summary>
    public sealed class IgtimiUploadedFile
    {
        public IgtimiUploadedFile(long resourceId, string md5, string? source, string path, long length, DateTimeOffset startTime,
            DateTimeOffset endTime, string contentType)
        {
            ResourceId = resourceId;
            Md5 = md5;
            Source = source;
            Path = path;
            Length = length;
            StartTime = startTime;
            EndTime = endTime;
            ContentType = contentType;
        }

        public long ResourceId { get; }

        /// <summary>The file's md5 as lowercase hex; the server's and the local file's agree.</summary>
        public string Md5 { get; }

        /// <summary>The reply's <c>source</c>, which the reference leaves unexplained (null in its sample).</summary>
        public string? Source { get; }

        /// <summary>The local file that was sent.</summary>
        public string Path { get; }

        public long Length { get; }
        public DateTimeOffset StartTime { get; }
        public DateTimeOffset EndTime { get; }
        public string ContentType { get; }

        public override string ToString() => $"{System.IO.Path.GetFileName(Path)} → resource {ResourceId} ({Md5})";
    }

    /// <summary>What <c>Grant-IgtimiDeviceAccess</c> asks for: one device, one window, a user and the rights.</summary>
    public sealed class IgtimiAccessGrant
    {
        public string SerialNumber { get; set; } = "";
        public long? UserId { get; set; }
        public DateTimeOffset Start { get; set; }
        public DateTimeOffset End { get; set; }
        public bool Read { get; set; } = true;
        public bool Modify { get; set; }

        /// <summary>An open-ended share ends 100 years after its start, as the 2013 reference's sample stores it.</summary>
        public static DateTimeOffset OpenEnd(DateTimeOffset start) => start.AddYears(100);
    }
}
