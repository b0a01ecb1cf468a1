using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;

namespace Wuye.Platform.Identity;

/// <summary>
/// The guards of an SMS code that hold under parallel requests: each try is counted in the database in one statement before
/// the code is compared (so N guesses sent at once use N of the tries), a right code is consumed in one statement (so two
/// requests cannot both use it), and a number gets at most <see cref="PerHour"/> codes an hour whatever address asks.
/// </summary>
public static class VerificationCodes
{
    public const int PerHour = 5;

    /// <summary>Counts one try of the code; false when the code is used, or its tries are spent.</summary>
    public static async Task<bool> TryAsync(WuyeDb db, Guid id, int maxTries, CancellationToken ct) =>
        await db.Set<VerificationCode>()
            .Where(c => c.Id == id && c.UsedAt == null && c.Attempts < maxTries)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1), ct) == 1;

    /// <summary>Marks the code used; false when another request used it first.</summary>
    public static async Task<bool> ConsumeAsync(WuyeDb db, Guid id, DateTimeOffset now, CancellationToken ct) =>
        await db.Set<VerificationCode>()
            .Where(c => c.Id == id && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct) == 1;

    /// <summary>Whether the number may be sent another code of this purpose (fewer than <see cref="PerHour"/> in the last hour).</summary>
    public static async Task<bool> MayIssueAsync(WuyeDb db, string mobile, string purpose, DateTimeOffset now, CancellationToken ct) =>
        await db.Set<VerificationCode>().CountAsync(c => c.Mobile == mobile && c.Purpose == purpose && c.CreatedAt > now.AddHours(-1), ct)
        < PerHour;
}
