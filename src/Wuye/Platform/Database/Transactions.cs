using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Wuye.Platform.Database;

/// <summary>
/// A use case that needs several saves to commit together begins its own transaction, unless the
/// request already runs in one (an API POST with an Idempotency-Key commits the key, the writes and
/// the answer together): then it joins it, and the outer transaction commits everything at once.
/// </summary>
public static class Transactions
{
    public static async Task<JoinedTransaction> BeginOrJoinTransactionAsync(this DatabaseFacade db, CancellationToken ct) =>
        new(db.CurrentTransaction is null ? await db.BeginTransactionAsync(ct) : null);
}

/// <summary>Commits and disposes only a transaction it began; a joined one is the outer owner's.</summary>
public sealed class JoinedTransaction(IDbContextTransaction? owned) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken ct) => owned?.CommitAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
