using System.Collections.Concurrent;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.ImportMasterData;

internal sealed record ImportProgressDto(string Phase, int Done, int Total, bool Finished);

/// <summary>
/// How far a long upload or commit has got, for the import page to poll while it waits: the
/// phase (reading, checking rows, writing) and rows done of rows in the file. Written by the
/// request doing the work, read by the user's own polls (this instance's memory; entries go
/// ten minutes after their last change).
/// </summary>
internal sealed class ImportProgress
{
    private volatile string _zh = "准备中",
        _en = "Starting";
    private int _done,
        _total,
        _finished;
    public DateTimeOffset Touched { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// A new phase; one with a row count starts counting again, one without (saving, writing)
    /// keeps the last count on show ("5,000 of 5,000 rows checked" while the report is saved),
    /// so a poll that missed the counting still sees how far it got.
    /// </summary>
    public void Phase(string zh, string en, int total = 0)
    {
        (_zh, _en) = (zh, en);
        if (total > 0)
        {
            Interlocked.Exchange(ref _done, 0);
            Interlocked.Exchange(ref _total, total);
        }
        Touched = DateTimeOffset.UtcNow;
    }

    public void Advance()
    {
        Interlocked.Increment(ref _done);
        Touched = DateTimeOffset.UtcNow;
    }

    public void Finish()
    {
        Interlocked.Exchange(ref _finished, 1);
        Touched = DateTimeOffset.UtcNow;
    }

    public ImportProgressDto Read() =>
        new(Loc.T(_zh, _en), Volatile.Read(ref _done), Volatile.Read(ref _total), Volatile.Read(ref _finished) == 1);
}

internal sealed class ImportProgressStore
{
    private readonly ConcurrentDictionary<(Guid User, Guid Token), ImportProgress> _entries = new();

    /// <summary>The progress of one upload or commit, named by a token the page made up.</summary>
    public ImportProgress? Start(Guid? user, Guid? token)
    {
        if (user is not { } u || token is not { } t)
            return null;
        foreach (var old in _entries.Where(e => e.Value.Touched < DateTimeOffset.UtcNow.AddMinutes(-10)).Select(e => e.Key).ToList())
            _entries.TryRemove(old, out _);
        return _entries[(u, t)] = new ImportProgress();
    }

    public ImportProgress? Find(Guid? user, Guid token) => user is { } u && _entries.TryGetValue((u, token), out var p) ? p : null;
}
