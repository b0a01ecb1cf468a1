using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Domain;

/// <summary>What the car did (万科#15, 000#32).</summary>
internal enum ViolationKind
{
    FireLane,
    OthersSpace,
    TwoSpaces,
    WrongWay,
    Blocking,
    Other,
}

/// <summary>How a violation was closed.</summary>
internal enum ViolationOutcome
{
    Moved,
    Warned,
    OwnerContacted,
    PassSuspended,
    Other,
}

/// <summary>
/// 违章停车 (万科#15, 000#32): a guard's record of a car parked against the rules — plate, place, kind, photos, when — with the notice
/// number printed on its two-part notice. The car's owner is looked up by plate among the registered vehicles and told; a plate with
/// <see cref="SecurityOptions.RepeatViolations"/> or more violations within <see cref="SecurityOptions.RepeatViolationDays"/> days is a
/// repeat violator, escalated to the project manager once per violation (<see cref="EscalatedAt"/>). Closed with an outcome.
/// </summary>
internal sealed class ParkingViolation : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Number { get; set; }
    public required string Plate { get; set; }
    public required string Place { get; set; }
    public ViolationKind Kind { get; set; }
    public string? Note { get; set; }
    public Guid[] PhotoIds { get; set; } = [];
    public DateTimeOffset RecordedAt { get; set; }
    public Guid RecordedBy { get; set; }
    public required string RecordedByName { get; set; }

    /// <summary>The registered vehicle with this plate in the project, if any, and the unit it is registered at.</summary>
    public Guid? VehicleId { get; set; }
    public Guid? OwnerUnitId { get; set; }

    /// <summary>When the car's owner was told (null: no registered owner with an account).</summary>
    public DateTimeOffset? OwnerNotifiedAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid? ClosedBy { get; set; }
    public ViolationOutcome? Outcome { get; set; }
    public string? OutcomeNote { get; set; }

    public static ParkingViolation Record(
        Guid companyId,
        Guid projectId,
        string number,
        string plate,
        string place,
        ViolationKind kind,
        string? note,
        Guid[] photoIds,
        Guid by,
        string byName,
        DateTimeOffset now
    ) =>
        new()
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Number = number,
            Plate = Plates.Normalize(plate),
            Place = place.Trim(),
            Kind = kind,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            PhotoIds = photoIds,
            RecordedAt = now,
            RecordedBy = by,
            RecordedByName = byName,
        };

    public void Close(ViolationOutcome outcome, string? note, Guid by, DateTimeOffset now)
    {
        if (ClosedAt is not null)
            throw new RuleException(
                "parking_violation.closed",
                $"违章 {Number} 已于 {ChinaTime.Text(ClosedAt.Value)} 处理完毕",
                $"Violation {Number} was closed at {ChinaTime.Text(ClosedAt.Value)}"
            );
        if (outcome == ViolationOutcome.Other && string.IsNullOrWhiteSpace(note))
            throw ValidationException.For("note", "处理结果为“其他”时请写明情况", "Say what was done when the outcome is Other");
        Outcome = outcome;
        OutcomeNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ClosedAt = now;
        ClosedBy = by;
    }

    /// <summary>"WZ" + the China date + the number's sequence (WZ261204000123).</summary>
    public static string FormatNumber(DateTimeOffset at, long seq) => "WZ" + ChinaTime.ToChina(at).ToString("yyMMdd") + seq.ToString("D6");
}
