using System.Security.Cryptography;

namespace Igtimi.Emulator;

/// <summary>
/// The device, sharing and upload writes (docs/design/igtimi-api-2013.md sections 3.5, 3.8, 3.9 and 6.3; sap-dialect.md section 7).
/// Each write builds a new list and swaps it in under <see cref="_deviceWriteLock"/>; readers take the current list without a lock,
/// so every read sees one consistent snapshot. The seeded <see cref="YachtBots"/>, <see cref="WindBots"/> and the data model stay
/// as built: an unregistered device simply stops being in <see cref="Devices"/>, and a registered one has no data until a file is sent.
/// </summary>
public sealed partial class EmulatorWorld
{
    private readonly object _deviceWriteLock = new();
    private IReadOnlyList<EmulatorDevice> _devices;
    private IReadOnlyList<EmulatorDataAccessWindow> _dataAccessWindows;
    private IReadOnlyList<EmulatorUploadedFile> _uploadedFiles = [];
    private Dictionary<string, EmulatorDevice>? _unregistered;

    /// <summary>Every registered device: the fleet's YachtBots, its WindBots, the coach's boat, then devices registered since.</summary>
    public IReadOnlyList<EmulatorDevice> Devices => Volatile.Read(ref _devices);

    public IReadOnlyList<EmulatorDataAccessWindow> DataAccessWindows => Volatile.Read(ref _dataAccessWindows);

    /// <summary>Files sent with <c>resource_data/upload</c>, oldest first: type-16 data of their resource's device.</summary>
    public IReadOnlyList<EmulatorUploadedFile> UploadedFiles => Volatile.Read(ref _uploadedFiles);

    public EmulatorResource? FindResource(long id) => Resources.FirstOrDefault(r => r.Id == id);

    public EmulatorDataAccessWindow? FindDataAccessWindow(long id) => DataAccessWindows.FirstOrDefault(w => w.Id == id);

    /// <summary>
    /// Registers <paramref name="serialNumber"/> to <paramref name="owner"/>: a device unregistered before comes back (with its data),
    /// any other serial becomes a new device without data, with <paramref name="id"/> or the next free id. Null when the serial or the
    /// id is taken.
    /// </summary>
    public EmulatorDevice? RegisterDevice(EmulatorUser owner, string serialNumber, string? name, long? id = null)
    {
        lock (_deviceWriteLock)
        {
            var devices = Devices;
            if (FindDevice(serialNumber) is not null || (id is long wanted && devices.Any(d => d.Id == wanted)))
                return null;
            EmulatorDevice device;
            if (_unregistered?.Remove(serialNumber.ToUpperInvariant(), out var earlier) == true && (id is null || id == earlier.Id))
                device = earlier with { OwnerId = owner.Id, Name = name ?? earlier.Name, AdminDeviceUserGroupId = 0, DeviceUserGroupId = 0 };
            else
                device = new EmulatorDevice(id ?? NextDeviceId(), name ?? serialNumber, serialNumber.ToUpperInvariant(), EmulatorDeviceKind.YachtBot,
                    owner.Id, 0, 0, []);
            Volatile.Write(ref _devices, [.. devices, device]);
            return device;
        }
    }

    /// <summary>Removes the device from <see cref="Devices"/>, with the windows on it; false when it was not registered.</summary>
    public bool UnregisterDevice(EmulatorDevice device)
    {
        lock (_deviceWriteLock)
        {
            var devices = Devices;
            if (!devices.Contains(device))
                return false;
            (_unregistered ??= new Dictionary<string, EmulatorDevice>(StringComparer.Ordinal))[device.SerialNumber.ToUpperInvariant()] = device;
            Volatile.Write(ref _devices, devices.Where(d => d != device).ToArray());
            Volatile.Write(ref _dataAccessWindows, DataAccessWindows
                .Where(w => !string.Equals(w.DeviceSerialNumber, device.SerialNumber, StringComparison.OrdinalIgnoreCase)).ToArray());
            return true;
        }
    }

    /// <summary>Gives the device a new name; false when it is no longer registered.</summary>
    public bool RenameDevice(EmulatorDevice device, string name)
    {
        lock (_deviceWriteLock)
        {
            var devices = Devices.ToArray();
            int index = Array.IndexOf(devices, device);
            if (index < 0)
                return false;
            devices[index] = device with { Name = name };
            Volatile.Write(ref _devices, devices);
            return true;
        }
    }

    /// <summary>Adds a window with the next free id (after the SAP public window too, so ids never collide) and returns it.</summary>
    public EmulatorDataAccessWindow AddDataAccessWindow(string serialNumber, DateTimeOffset start, DateTimeOffset end, EmulatorPermissions permissions,
        long? recipientUserId)
    {
        lock (_deviceWriteLock)
        {
            var windows = DataAccessWindows;
            long id = Math.Max(windows.Select(w => w.Id).DefaultIfEmpty(0).Max(), SapPublicWindows.Max(w => w.Id)) + 1;
            var window = new EmulatorDataAccessWindow(id, serialNumber, start, end, permissions, recipientUserId, null);
            Volatile.Write(ref _dataAccessWindows, [.. windows, window]);
            return window;
        }
    }

    /// <summary>Removes a window; false when there was none with this id.</summary>
    public bool RemoveDataAccessWindow(long id)
    {
        lock (_deviceWriteLock)
        {
            var windows = DataAccessWindows;
            if (!windows.Any(w => w.Id == id))
                return false;
            Volatile.Write(ref _dataAccessWindows, windows.Where(w => w.Id != id).ToArray());
            return true;
        }
    }

    /// <summary>Stores an uploaded file on the resource (its md5 computed here) and returns it.</summary>
    public EmulatorUploadedFile AddUploadedFile(EmulatorResource resource, string fileName, string contentType, byte[] content,
        DateTimeOffset start, DateTimeOffset end)
    {
        var md5 = Convert.ToHexStringLower(MD5.HashData(content));
        lock (_deviceWriteLock)
        {
            var files = UploadedFiles;
            var file = new EmulatorUploadedFile(files.Count + 1, resource.Id, resource.DeviceSerialNumber, fileName, contentType, md5, content.LongLength,
                start, end);
            Volatile.Write(ref _uploadedFiles, [.. files, file]);
            return file;
        }
    }

    private long NextDeviceId() =>
        Devices.Select(d => d.Id).Concat(_unregistered?.Values.Select(d => d.Id) ?? []).DefaultIfEmpty(0).Max() + 1;
}

/// <summary>A file sent to a resource: served as a type-16 point (filename, md5, content type, size) at <see cref="StartTime"/>.</summary>
public sealed record EmulatorUploadedFile(long Id, long ResourceId, string DeviceSerialNumber, string FileName, string ContentType, string Md5,
    long Length, DateTimeOffset StartTime, DateTimeOffset EndTime);
