using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;

namespace Wuye.Platform.Identity;

/// <summary>
/// A user's display name, as every timeline, owner of record and handler line writes it: from
/// the reference cache, dropped when any account is saved.
/// </summary>
public sealed class UserNames(WuyeDb db, ReferenceCache cache)
{
    public Task<string?> NameAsync(Guid userId, CancellationToken ct) =>
        cache.GetAsync("user-name", userId, typeof(AppUser), async () =>
            await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName ?? u.UserName).FirstOrDefaultAsync(ct)
        );
}
