using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Domain;

/// <summary>
/// The steps of chasing an overdue bill (催缴), in order: a written notice (in the app and by e-mail), an SMS, a steward's visit.
/// </summary>
internal enum ReminderStep
{
    Notice,
    Sms,
    Visit,
}

/// <summary>What the steward found at the door.</summary>
internal enum VisitOutcome
{
    /// <summary>承诺缴费 by a date.</summary>
    Promised,

    /// <summary>拒缴, with the owner's reason (often a service problem: 003).</summary>
    Refused,

    /// <summary>无人在家.</summary>
    NotHome,

    /// <summary>已缴 (paid at the door or before the visit).</summary>
    Paid,
}

/// <summary>
/// One step of chasing one overdue bill, once per bill and step (the unique key makes the job idempotent): when it was sent,
/// how far past due, what was owed and how many people it reached. A visit is a task for the zone's steward until its
/// outcome is recorded.
/// </summary>
internal sealed class ArrearsReminder : Entity, IScoped
{
    public const int NoteMax = 500;

    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid BillId { get; set; }
    public ReminderStep Step { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public int DaysPastDue { get; set; }

    /// <summary>What the bill still asked when the step was taken.</summary>
    public decimal Owed { get; set; }

    /// <summary>People the message went to (0: nobody reachable, which is what the visit is for).</summary>
    public int Recipients { get; set; }

    /// <summary>The steward the visit is for (the zone's steward), null when the project's stewards share it.</summary>
    public Guid? StewardUserId { get; set; }
    public VisitOutcome? Outcome { get; set; }
    public string? OutcomeNote { get; set; }
    public DateOnly? PromisedDate { get; set; }
    public DateTimeOffset? VisitedAt { get; set; }
    public Guid? VisitedByUserId { get; set; }
    public string? VisitedByName { get; set; }

    public bool Open => Step == ReminderStep.Visit && Outcome is null;

    public void RecordVisit(VisitOutcome outcome, string? note, DateOnly? promised, Guid userId, string name, DateTimeOffset at)
    {
        if (Step != ReminderStep.Visit)
            throw new RuleException("arrears_reminder.not_a_visit", "这一步不是上门催缴", "This step is not a visit");
        if (Outcome is not null)
            throw new RuleException("arrears_reminder.visited", "这次上门的结果已经记录", "This visit's outcome is already recorded");
        Outcome = outcome;
        OutcomeNote = note;
        PromisedDate = outcome == VisitOutcome.Promised ? promised : null;
        VisitedAt = at;
        VisitedByUserId = userId;
        VisitedByName = name;
    }
}

/// <summary>The days past due at which each step is taken (Wuye:Fees:Reminders), in order.</summary>
internal static class ReminderSchedule
{
    /// <summary>
    /// The next step for a bill <paramref name="days"/> past due on <paramref name="today"/> that has had <paramref name="done"/>
    /// (each with its China date), or null. A step waits for its day past due and, after the step before it, for as many days
    /// as the schedule puts between them: a bill found long overdue is not escalated from notice to visit within hours.
    /// </summary>
    public static ReminderStep? Next(
        int days,
        DateOnly today,
        IReadOnlyCollection<(ReminderStep Step, DateOnly On)> done,
        ReminderOptions o
    )
    {
        (ReminderStep Step, int After)[] steps =
        [
            (ReminderStep.Notice, o.NoticeDays),
            (ReminderStep.Sms, o.SmsDays),
            (ReminderStep.Visit, o.VisitDays),
        ];
        for (var i = 0; i < steps.Length; i++)
        {
            var (step, after) = steps[i];
            if (done.Any(d => d.Step == step))
                continue;
            if (days < after)
                return null;
            if (i > 0 && done.Where(d => d.Step == steps[i - 1].Step).Select(d => (DateOnly?)d.On).FirstOrDefault() is { } previous)
                return today.DayNumber - previous.DayNumber >= after - steps[i - 1].After ? step : null;
            return step;
        }
        return null;
    }
}
