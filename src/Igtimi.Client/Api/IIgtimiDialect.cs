using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Data;
using Igtimi.Client.Models;

namespace Igtimi.Client.Api
{
    /// <summary>
    /// The endpoint calls of one server dialect, by API resource: where each call goes and how its
    /// answer is read. A connection holds one; <see cref="IgtimiApi"/> is the public surface that
    /// checks arguments and calls it, so callers never branch on the dialect. A dialect without an
    /// endpoint throws the module's not-offered error (<see cref="Http.IgtimiErrorKind.NotOffered"/>).
    /// Each dialect lives in a folder of its own under Dialects/.
    /// </summary>
    public partial interface IIgtimiDialect
    {
        IgtimiServerFlavor Flavor { get; }

        // sign-in
        /// <summary>
        /// The token a grant gives on this server (null: anonymous); <see cref="GetAccountAsync"/> proves
        /// it next. A grant the server has no way for is the not-offered error.
        /// </summary>
        Task<string?> SignInAsync(Auth.IgtimiGrant grant, CancellationToken cancellationToken);

        // account
        Task<IgtimiUser> GetAccountAsync(CancellationToken cancellationToken);

        // users
        Task<IReadOnlyList<IgtimiUser>> GetUsersAsync(CancellationToken cancellationToken);
        Task<IgtimiUser> GetUserAsync(long id, CancellationToken cancellationToken);

        // groups
        Task<IReadOnlyList<IgtimiGroup>> GetGroupsAsync(CancellationToken cancellationToken);
        Task<IgtimiGroup> GetGroupAsync(long id, CancellationToken cancellationToken);

        // devices and who may read them
        Task<IReadOnlyList<IgtimiDevice>> GetDevicesAsync(IgtimiSerialNumbers serialNumbers, CancellationToken cancellationToken);
        Task<IReadOnlyList<IgtimiDataAccessWindow>> GetDataAccessWindowsAsync(IgtimiTimeWindowFilter filter, CancellationToken cancellationToken);

        // device and sharing writes (docs/design/igtimi-api-2013.md sections 3.8, 3.9; sap-dialect.md section 7)
        /// <summary>Registers a device to the caller; answers the device as the server then lists it.</summary>
        Task<IgtimiDevice> RegisterDeviceAsync(string serialNumber, string? serviceTag, string? name, long? deviceId, CancellationToken cancellationToken);

        /// <summary>Unregisters a device; <paramref name="deviceId"/> is used where the server keys devices by id (looked up when null).</summary>
        Task UnregisterDeviceAsync(string serialNumber, long? deviceId, CancellationToken cancellationToken);

        Task RenameDeviceAsync(string serialNumber, string name, CancellationToken cancellationToken);

        /// <summary>Shares a device's data; answers the new window when the server names it (or a re-read finds it), else null.</summary>
        Task<IgtimiDataAccessWindow?> GrantDeviceAccessAsync(IgtimiAccessGrant grant, CancellationToken cancellationToken);

        Task RevokeDeviceAccessAsync(long windowId, CancellationToken cancellationToken);

        // file upload (docs/design/igtimi-api-2013.md section 3.5)
        /// <summary>Sends a file to a resource; answers the reply's resource id, md5 and source (the caller checks the md5).</summary>
        Task<(long ResourceId, string? Md5, string? Source)> UploadFileAsync(long resourceId, string fileName, byte[] content, string contentType,
            DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken);

        // sessions (races) and their logs
        Task<IReadOnlyList<IgtimiSession>> GetSessionsAsync(IgtimiSessionFilter filter, CancellationToken cancellationToken);
        Task<IgtimiSession> GetSessionAsync(long id, CancellationToken cancellationToken);
        /// <summary>The session's log; with <paramref name="since"/>, only the entries created since then (<c>start_time</c>).</summary>
        Task<IReadOnlyList<IgtimiSessionLogEntry>> GetSessionLogAsync(long sessionId, DateTimeOffset? since, CancellationToken cancellationToken);

        // resources (stored data chunks)
        Task<IReadOnlyList<IgtimiResource>> GetResourcesAsync(IgtimiResourceFilter filter, CancellationToken cancellationToken);

        // device data
        /// <summary>
        /// One request of bulk data: one device and time slice. Blocks go to the slice's callback as they
        /// are read; a body that breaks off throws an IOException (the caller fetches the slice again,
        /// skipping the blocks already delivered); a malformed body throws the module's error.
        /// </summary>
        Task ReadDataSliceAsync(IgtimiDataSlice slice, CancellationToken cancellationToken);

        Task<IReadOnlyList<IgtimiDataPoint>> GetLatestDataAsync(int type, IgtimiSerialNumbers serialNumbers, Action<string>? warning,
            CancellationToken cancellationToken);
        Task<IReadOnlyList<IgtimiDataType>> GetDataTypesAsync(CancellationToken cancellationToken);

        // live data
        Task<IReadOnlyList<Uri>> GetLiveServersAsync(CancellationToken cancellationToken);
        IIgtimiLiveProtocol Live { get; }

        /// <summary>The type codes a download asks for when none are given: every type the dialect can carry.</summary>
        IReadOnlyList<int> DefaultDataTypes { get; }
    }

    /// <summary>One bulk-data request and where its blocks go.</summary>
    public sealed class IgtimiDataSlice
    {
        public IgtimiDataSlice(string serialNumber, long start, long end, IReadOnlyList<int> types, double gpsTolerance,
            Func<IgtimiDataBlock, CancellationToken, Task> onBlock)
        {
            SerialNumber = serialNumber;
            Start = start;
            End = end;
            Types = types;
            GpsTolerance = gpsTolerance;
            OnBlock = onBlock;
        }

        public string SerialNumber { get; }

        /// <summary>The first and last millisecond of the slice (both included).</summary>
        public long Start { get; }

        public long End { get; }

        public IReadOnlyList<int> Types { get; }

        /// <summary>The API's compression for GPS (type 1), in degrees.</summary>
        public double GpsTolerance { get; }

        public Func<IgtimiDataBlock, CancellationToken, Task> OnBlock { get; }

        /// <summary>Blocks (serial, type, DSI) to leave out, because a previous attempt delivered them.</summary>
        public Func<string, int, int, bool>? SkipBlock { get; set; }

        /// <summary>Anomalies in the data, one line each.</summary>
        public Action<string>? Warning { get; set; }

        /// <summary>Body bytes read so far (set by the dialect, for progress).</summary>
        public long BytesRead { get; set; }

        /// <summary>
        /// The consumer keeps nothing of a block once its OnBlock has returned (it copies what it needs): a dialect may
        /// then hand over blocks whose arrays are pooled, longer than <see cref="IgtimiDataBlock.Count"/>, and reused after.
        /// </summary>
        public bool BlocksAreBorrowed { get; set; }
    }

    /// <summary>What differs between dialects on the live WebSocket: the handshake and the frames.</summary>
    public interface IIgtimiLiveProtocol
    {
        /// <summary>Headers of the upgrade request (SAP authenticates there); igtimi.com sends none.</summary>
        IReadOnlyDictionary<string, string> UpgradeHeaders(string? accessToken);

        /// <summary>
        /// True when the server streams every device the user may read, whatever the subscription (SAP):
        /// the client then leaves the others out quietly instead of warning about them.
        /// </summary>
        bool IgnoresSubscription { get; }

        /// <summary>The configuration message sent after connecting.</summary>
        string ConfigMessage(IReadOnlyList<string> serialNumbers, string? accessToken);

        /// <summary>Reads one data frame (text or binary) and hands over its blocks; a frame it cannot read throws the module's error.</summary>
        Task ReadFrameAsync(byte[] frame, bool binary, Func<IgtimiDataBlock, CancellationToken, Task> onBlock, Action<string>? warning,
            CancellationToken cancellationToken);
    }
}
