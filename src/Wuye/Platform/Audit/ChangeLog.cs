namespace Wuye.Platform.Audit;

public enum ChangeAction { Created, Updated, Deleted }

/// <summary>
/// One change to one business record: who, when, which record, the values before and after.
/// Written in the same transaction as the change itself, so the history is never behind.
/// Carries the record's scope keys so the history is as private as the record.
/// </summary>
public sealed class ChangeLog
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public required string EntityType { get; set; }
    public Guid EntityId { get; set; }
    public ChangeAction Action { get; set; }
    /// <summary>JSON object of the changed fields' old values (null on create).</summary>
    public string? Before { get; set; }
    /// <summary>JSON object of the changed fields' new values (null on delete).</summary>
    public string? After { get; set; }
    public Guid? CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
}
