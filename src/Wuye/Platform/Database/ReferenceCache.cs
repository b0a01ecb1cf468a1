using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Wuye.Platform;

namespace Wuye.Platform.Database;

/// <summary>
/// A short-lived cache of reference rows that hot paths read on every call but that change
/// rarely: a project's time-limit table and calendar, who answers customer service at a
/// project, a user's display name. Each entry names the entity types it was read from; any
/// save through <see cref="WuyeDb"/> that adds, changes or deletes one of those types drops
/// every such entry in this process at once (a generation per type). Another app instance
/// drops its copy within the lifetime (Wuye:ReferenceCache:Seconds, default 15 s; 0 turns the
/// cache off), the same bound as the scope cache.
/// </summary>
public sealed class ReferenceCache(IMemoryCache cache, Microsoft.Extensions.Options.IOptions<WuyeOptions> options)
{
    private static readonly ConcurrentDictionary<Type, long> Generations = new();

    /// <summary>Called by WuyeDb after a save that touched these entity types.</summary>
    public static void Changed(IEnumerable<Type> types)
    {
        foreach (var t in types)
            Generations.AddOrUpdate(t, 1, (_, g) => g + 1);
    }

    private static long Generation(Type t) => Generations.TryGetValue(t, out var g) ? g : 0;

    private sealed record Key(string Kind, object Id, long G1, long G2);

    public async Task<T> GetAsync<T>(string kind, object id, Type dependsOn, Func<Task<T>> load) =>
        await GetAsync(kind, id, dependsOn, dependsOn, load);

    public async Task<T> GetAsync<T>(string kind, object id, Type dependsOn, Type alsoOn, Func<Task<T>> load)
    {
        var seconds = options.Value.ReferenceCache.Seconds;
        if (seconds <= 0)
            return await load();
        // Generations are read before the load: a change saved while it runs leaves this entry
        // under the old generation, so the next read loads again.
        var key = new Key(kind, id, Generation(dependsOn), Generation(alsoOn));
        if (cache.TryGetValue(key, out T? hit) && hit is not null)
            return hit;
        var value = await load();
        cache.Set(key, value, TimeSpan.FromSeconds(seconds));
        return value;
    }
}
