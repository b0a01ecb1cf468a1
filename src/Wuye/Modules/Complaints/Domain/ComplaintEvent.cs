using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Complaints.Domain;

/// <summary>One line of a complaint's timeline.</summary>
internal sealed class ComplaintEvent : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid ComplaintId { get; set; }

    /// <summary>Orders steps saved in the same instant (EF Core inserts by key, not in the order added).</summary>
    public long Seq { get; set; } = NextSeq();
    private static long _seq = DateTime.UtcNow.Ticks;

    private static long NextSeq() => Interlocked.Increment(ref _seq);

    public DateTimeOffset At { get; set; }
    public Guid? ActorUserId { get; set; }
    public string? ActorName { get; set; }
    public ComplaintEventKind Kind { get; set; }
    public string? Note { get; set; }
}
