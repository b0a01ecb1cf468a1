using System.Linq.Expressions;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Domain;

/// <summary>The escalating steps for a repeat violator (万科#15), in order.</summary>
internal enum ViolationStepKind
{
    /// <summary>A written notice to the registered owner (in the app and by e-mail).</summary>
    Notice = 1,

    /// <summary>An SMS to the registered owner.</summary>
    Sms = 2,

    /// <summary>The car's pass is suspended: the car may not enter the car parks until the supervisor lifts it.</summary>
    PassSuspension = 3,
}

/// <summary>
/// 累犯处理步骤: one escalating step the supervisor took for a plate that is a repeat violator in a project (notice → SMS to the
/// registered owner → suspension of the car's pass), with who took it and when. A plate's step is the highest one taken within the
/// rolling window (<see cref="SecurityOptions.RepeatViolationDays"/>); a suspension stays until it is lifted (<see cref="LiftedAt"/>).
/// </summary>
internal sealed class ViolationStep : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Plate { get; set; }
    public ViolationStepKind Step { get; set; }

    /// <summary>The plate's latest violation when the step was taken, and how many it had in the window then.</summary>
    public Guid ParkingViolationId { get; set; }
    public int ViolationCount { get; set; }
    public Guid? VehicleId { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    public Guid TakenBy { get; set; }
    public required string TakenByName { get; set; }

    /// <summary>How many owner accounts were told (through the outbox).</summary>
    public int OwnersTold { get; set; }
    public DateTimeOffset? LiftedAt { get; set; }
    public Guid? LiftedBy { get; set; }
    public string? LiftedByName { get; set; }

    /// <summary>
    /// A suspension in force: a pass suspension not lifted. The one statement of it, for queries (<c>.Where(ViolationStep.InForce)</c>)
    /// and, compiled, for a loaded step (<see cref="Suspends"/>).
    /// </summary>
    public static readonly Expression<Func<ViolationStep, bool>> InForce = s =>
        s.Step == ViolationStepKind.PassSuspension && s.LiftedAt == null;

    private static readonly Func<ViolationStep, bool> InForceNow = InForce.Compile();

    /// <summary>The steps that count for a plate now: taken after <paramref name="since"/> (the window), or a suspension in
    /// force.</summary>
    public static Expression<Func<ViolationStep, bool>> CountsSince(DateTimeOffset since)
    {
        Expression<Func<ViolationStep, bool>> recent = s => s.TakenAt > since;
        var inForce = new Rebind(InForce.Parameters[0], recent.Parameters[0]).Visit(InForce.Body);
        return Expression.Lambda<Func<ViolationStep, bool>>(Expression.OrElse(recent.Body, inForce), recent.Parameters);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    public bool Suspends => InForceNow(this);

    /// <summary>
    /// The step that may follow <paramref name="taken"/> (the plate's steps within the window and its suspensions not lifted): the next
    /// in order; after a lifted suspension another suspension; none while the pass is suspended.
    /// </summary>
    public static ViolationStepKind? Next(IReadOnlyCollection<ViolationStep> taken)
    {
        if (taken.Any(s => s.Suspends))
            return null;
        var at = taken.Count == 0 ? 0 : taken.Max(s => (int)s.Step);
        return (ViolationStepKind)Math.Min(at + 1, (int)ViolationStepKind.PassSuspension);
    }

    public static ViolationStep Take(
        ParkingViolation latest,
        int count,
        int threshold,
        IReadOnlyCollection<ViolationStep> taken,
        ViolationStepKind step,
        string? note,
        Guid by,
        string byName,
        DateTimeOffset now
    )
    {
        if (count < threshold)
            throw new RuleException(
                "parking_step.not_repeater",
                $"车辆 {latest.Plate} 未达到累犯标准（{count} 次，需 {threshold} 次）",
                $"{latest.Plate} is not a repeat violator ({count} of {threshold} violations)"
            );
        var next = Next(taken);
        if (next is null)
            throw new RuleException(
                "parking_step.suspended",
                $"车辆 {latest.Plate} 的通行证已停用，请先恢复再处理",
                $"The pass of {latest.Plate} is suspended; lift it first"
            );
        if (step != next)
            throw new RuleException(
                "parking_step.out_of_order",
                $"请按顺序处理：下一步是“{Name(next.Value, false)}”",
                $"Steps go in order: the next one is {Name(next.Value, true)}"
            );
        if (step != ViolationStepKind.Notice && latest.VehicleId is null)
            throw ValidationException.For(
                "step",
                $"车辆 {latest.Plate} 不是登记车辆，没有车主可发短信、没有通行证可停用",
                $"{latest.Plate} is not a registered vehicle: no owner to text, no pass to suspend"
            );
        return new ViolationStep
        {
            CompanyId = latest.CompanyId,
            ProjectId = latest.ProjectId,
            Plate = latest.Plate,
            Step = step,
            ParkingViolationId = latest.Id,
            ViolationCount = count,
            VehicleId = latest.VehicleId,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            TakenAt = now,
            TakenBy = by,
            TakenByName = byName,
        };
    }

    /// <summary>The supervisor lifts a suspension: the car may enter again.</summary>
    public void Lift(Guid by, string byName, DateTimeOffset now)
    {
        if (Step != ViolationStepKind.PassSuspension)
            throw new RuleException("parking_step.not_suspension", "只有停用通行证可以恢复", "Only a pass suspension can be lifted");
        if (LiftedAt is not null)
            throw new RuleException(
                "parking_step.lifted",
                $"该通行证已于 {ChinaTime.Text(LiftedAt.Value)} 恢复",
                $"The pass was reinstated at {ChinaTime.Text(LiftedAt.Value)}"
            );
        LiftedAt = now;
        LiftedBy = by;
        LiftedByName = byName;
    }

    public static string Name(ViolationStepKind s, bool en) =>
        s switch
        {
            ViolationStepKind.Notice => en ? "written notice" : "书面告知",
            ViolationStepKind.Sms => en ? "SMS to the owner" : "短信通知车主",
            _ => en ? "pass suspension" : "停用通行证",
        };
}
