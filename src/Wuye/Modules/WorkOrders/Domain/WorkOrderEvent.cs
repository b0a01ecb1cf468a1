using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.WorkOrders.Domain;

internal enum EventKind
{
    Created,
    Dispatched,
    Accepted,
    Declined,
    Transferred,
    Arrived,
    Paused,
    Resumed,
    Completed,
    Visited,
    ReworkOpened,
    Closed,
    Warned,
    Breached,
    Merged,
    Rated,
    Imported,
}

/// <summary>One line of a request's timeline: who did what, when, with which clock.</summary>
internal sealed class WorkOrderEvent : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid ServiceRequestId { get; set; }
    public Guid? WorkOrderId { get; set; }

    /// <summary>
    /// Orders steps recorded in the same instant (one use case often writes two). EF Core sorts
    /// inserts by key, not by the order they were added, so an identity column would not do.
    /// </summary>
    public long Seq { get; set; } = NextSeq();

    private static long _seq = DateTime.UtcNow.Ticks;

    private static long NextSeq() => Interlocked.Increment(ref _seq);

    public DateTimeOffset At { get; set; }
    public Guid? ActorUserId { get; set; }
    public string? ActorName { get; set; }
    public EventKind Kind { get; set; }

    /// <summary>The note in Chinese; <see cref="NoteEn"/> holds the English where it differs.</summary>
    public string? Note { get; set; }
    public string? NoteEn { get; set; }
}
