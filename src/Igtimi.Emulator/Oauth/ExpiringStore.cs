using System.Collections.Concurrent;

namespace Igtimi.Emulator.Oauth;

/// <summary>Single-use values that expire: each can be taken once, and only before it expires. Thread-safe.</summary>
internal class ExpiringStore<T>(TimeProvider clock, TimeSpan lifetime)
{
    private const int SweepThreshold = 1000;
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset Expires)> _items = new(StringComparer.Ordinal);

    public void Add(string key, T value)
    {
        var now = clock.GetUtcNow();
        if (_items.Count >= SweepThreshold)
            RemoveExpired(now);
        _items[key] = (value, now + lifetime);
    }

    /// <summary>Removes the value; true only when it existed and had not expired.</summary>
    public bool TryTake(string key, out T value) => TryTake(key, _ => true, out value);

    /// <summary>
    /// Removes the value only when it has not expired and <paramref name="accept"/> approves it; a value
    /// that is not accepted stays. Atomic: of two concurrent callers, at most one takes it.
    /// </summary>
    public bool TryTake(string key, Func<T, bool> accept, out T value)
    {
        value = default!;
        if (!_items.TryGetValue(key, out var item))
            return false;
        if (item.Expires <= clock.GetUtcNow())
        {
            _items.TryRemove(new KeyValuePair<string, (T, DateTimeOffset)>(key, item));
            return false;
        }
        if (!accept(item.Value) || !_items.TryRemove(new KeyValuePair<string, (T, DateTimeOffset)>(key, item)))
            return false;
        value = item.Value;
        return true;
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (key, item) in _items)
        {
            if (item.Expires <= now)
                _items.TryRemove(key, out _);
        }
    }
}
