using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.ArrearsReminders;

internal sealed record VisitInput(VisitOutcome? Outcome, string? Note, DateOnly? PromisedDate) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("outcome", Outcome, "上门结果", "Outcome").MaxLength("note", Note, ArrearsReminder.NoteMax, "情况说明", "Note");
        if (Outcome == VisitOutcome.Promised && PromisedDate is null)
            v.Add("promisedDate", "请填写业主承诺的缴费日期", "Give the date the owner promised to pay by");
        if (Outcome == VisitOutcome.Refused && string.IsNullOrWhiteSpace(Note))
            v.Add("note", "请写明业主拒缴的理由", "Write down why the owner refuses to pay");
    }
}

internal sealed record ReminderDto(
    Guid Id,
    Guid ProjectId,
    Guid UnitId,
    string UnitLabel,
    Guid BillId,
    int Period,
    ReminderStep Step,
    DateTimeOffset SentAt,
    int DaysPastDue,
    decimal Owed,
    int Recipients,
    Guid? StewardUserId,
    VisitOutcome? Outcome,
    string? OutcomeNote,
    DateOnly? PromisedDate,
    DateTimeOffset? VisitedAt,
    string? VisitedByName,
    bool BillSettled
);

/// <summary>
/// 催缴: each overdue bill is chased step by step on the days set in Wuye:Fees:Reminders (past the due date) — a written
/// notice to the owners in the app and by e-mail, then an SMS, then a visit by the zone's steward, who records what they
/// found. One step per bill and run (one message per household and step); each step once per bill. GET
/// /arrears/reminders lists the steps taken; POST /arrears/reminders/{id}/visit records a visit's outcome (for every open
/// visit of that household).
/// </summary>
internal sealed class ArrearsRemindersHandler(
    WuyeDb db,
    TimeProvider clock,
    Notifier notifier,
    UserNames names,
    IOptions<FeesOptions> options
)
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = FeeApi.Arrears(api).MapGroup("/reminders");
        group
            .MapGet(
                "/",
                (
                    ArrearsRemindersHandler h,
                    Guid? projectId,
                    Guid? unitId,
                    ReminderStep? step,
                    bool? open,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) => h.ListAsync(projectId, unitId, step, open, page, pageSize, ct)
            )
            .RequireRoles(FeeRoles.Readers)
            .WithSummary("Arrears reminders (催缴) taken per overdue bill: notice, SMS, steward's visit with its outcome; newest first");
        group
            .MapPost("/{id:guid}/visit", async (ArrearsRemindersHandler h, Guid id, VisitInput body, CancellationToken ct) =>
            {
                await h.RecordVisitAsync(id, body, ct);
                return TypedResults.Ok(await h.OneAsync(id, ct));
            })
            .RequireRoles(FeeRoles.Readers)
            .WithSummary("Record what a steward's arrears visit found (promised, refused and why, not at home, paid)");
    }

    /// <summary>The job's work: takes the next due step of every overdue bill; answers the number of steps taken.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var o = options.Value.Reminders;
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var firstDue = today.AddDays(-o.NoticeDays);
        var reminders = db.Set<ArrearsReminder>();
        var taken = 0;
        // Keyset paging by (unit, due date, id): a desk payment during the run takes a bill out of the filter without
        // shifting later pages (Skip would then step over the bill at the old boundary until the next run).
        (Guid Unit, DateOnly Due, Guid Id)? last = null;
        // A household is told once per step and run, however its bills fall into pages (each bill still gets its row).
        var told = new HashSet<(Guid Unit, ReminderStep Step)>();
        while (true)
        {
            // Bills past the first step's day and still owed, in pages after the last one seen, with the steps they already had.
            var bills = db.Set<Bill>().AsNoTracking().Where(b => b.Paid < b.Amount && b.DueDate <= firstDue);
            if (last is { } k && (k.Unit, k.Due, k.Id) is var (lu, ld, li))
                bills = bills.Where(b => b.UnitId > lu || (b.UnitId == lu && (b.DueDate > ld || (b.DueDate == ld && b.Id > li))));
            var batch = await bills
                .OrderBy(b => b.UnitId)
                .ThenBy(b => b.DueDate)
                .ThenBy(b => b.Id)
                .Take(1000)
                .Select(b => new
                {
                    b.Id,
                    b.CompanyId,
                    b.ProjectId,
                    b.ZoneId,
                    b.UnitId,
                    b.DueDate,
                    Owed = b.Amount - b.Paid,
                    Steps = reminders.Where(r => r.BillId == b.Id).Select(r => new { r.Step, r.SentAt }).ToList(),
                })
                .ToListAsync(ct);
            if (batch.Count == 0)
                break;
            last = (batch[^1].UnitId, batch[^1].DueDate, batch[^1].Id);
            var due = batch
                .Select(b =>
                    (
                        Bill: b,
                        Step: ReminderSchedule.Next(
                            Ageing.DaysPastDue(b.DueDate, today),
                            today,
                            [.. b.Steps.Select(x => (x.Step, DateOnly.FromDateTime(ChinaTime.ToChina(x.SentAt).DateTime)))],
                            o
                        )
                    )
                )
                .Where(x => x.Step is not null)
                .ToList();
            if (due.Count == 0)
                continue;
            var unitIds = due.Select(x => x.Bill.UnitId).Distinct().ToList();
            var owners = await OwnersAsync(unitIds, today, ct);
            var labels = await db.UnitLabels().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Label, ct);
            var zoneIds = due.Where(x => x.Bill.ZoneId != null).Select(x => x.Bill.ZoneId!.Value).Distinct().ToList();
            var stewards = await db.ZoneRefs()
                .Where(z => zoneIds.Contains(z.Id) && z.StewardUserId != null)
                .ToDictionaryAsync(z => z.Id, z => z.StewardUserId!.Value, ct);
            foreach (var g in due.GroupBy(x => (x.Bill.UnitId, x.Step!.Value)))
            {
                var (unitId, step) = g.Key;
                var first = g.First().Bill;
                var people = owners.GetValueOrDefault(unitId) ?? [];
                var oldest = g.Min(x => x.Bill.DueDate);
                var amount = g.Sum(x => x.Bill.Owed);
                var label = labels.GetValueOrDefault(unitId) ?? "";
                Guid? steward = first.ZoneId is { } z && stewards.TryGetValue(z, out var s) ? s : null;
                var send = told.Add((unitId, step));
                List<Guid> recipients = [];
                if (step == ReminderStep.Visit)
                {
                    recipients = steward is { } one
                        ? [one]
                        : await notifier.UsersWithRoleAsync(Roles.Steward, first.CompanyId, first.ProjectId, ct);
                    if (send)
                        await notifier.NotifyAsync(
                            recipients,
                            first.CompanyId,
                            Loc.T($"上门催缴：{label}", $"Arrears visit: {label}"),
                            Loc.T(
                                $"{label} 欠费 ¥{Money.Text(amount)}（最早 {oldest:yyyy-MM-dd} 到期），通知和短信后仍未缴，请上门了解原因并记录结果。",
                                $"{label} owes ¥{Money.Text(amount)} (oldest due {oldest:yyyy-MM-dd}) after a notice and an SMS; "
                                    + "visit, ask why, and record what you find."
                            ),
                            "/fees/visits",
                            $"arrears-visit:{unitId:N}:{today:yyyyMMdd}",
                            ct
                        );
                }
                else if (people.Count > 0 && send)
                    await notifier.SendAsync(
                        people,
                        first.CompanyId,
                        new Message(
                            "arrears",
                            new Dictionary<string, string>
                            {
                                ["unit"] = label,
                                ["amount"] = Money.Text(amount),
                                ["due"] = oldest.ToString("yyyy-MM-dd"),
                                ["days"] = Ageing.DaysPastDue(oldest, today).ToString(),
                            },
                            "/portal/bills",
                            $"arrears-{step}:{unitId:N}:{today:yyyyMMdd}"
                        ),
                        ct,
                        step == ReminderStep.Sms ? [NotificationChannel.Sms] : [NotificationChannel.InApp, NotificationChannel.Email]
                    );
                foreach (var (b, _) in g)
                    db.Add(
                        new ArrearsReminder
                        {
                            CompanyId = b.CompanyId,
                            ProjectId = b.ProjectId,
                            ZoneId = b.ZoneId,
                            UnitId = b.UnitId,
                            BillId = b.Id,
                            Step = step,
                            SentAt = now,
                            DaysPastDue = Ageing.DaysPastDue(b.DueDate, today),
                            Owed = b.Owed,
                            Recipients = step == ReminderStep.Visit ? recipients.Count : people.Count,
                            StewardUserId = step == ReminderStep.Visit ? steward : null,
                        }
                    );
                taken += g.Count();
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return taken;
    }

    private async Task<Dictionary<Guid, List<Guid>>> OwnersAsync(List<Guid> unitIds, DateOnly today, CancellationToken ct) =>
        (
            await (
                from o in db.OccupantRefs()
                join p in db.PersonRefs() on o.PersonId equals p.Id
                where
                    unitIds.Contains(o.UnitId)
                    && o.Relation == OccupantRelation.Owner
                    && p.UserId != null
                    && (o.Until == null || o.Until >= today)
                select new { o.UnitId, UserId = p.UserId!.Value }
            ).ToListAsync(ct)
        )
            .GroupBy(x => x.UnitId)
            .ToDictionary(g => g.Key, g => g.Select(x => x.UserId).Distinct().ToList());

    /// <summary>Records the outcome on this visit and on the household's other open visits (one knock answers them all).</summary>
    public async Task RecordVisitAsync(Guid id, VisitInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var userId = db.Scope.UserId ?? throw new RuleException("arrears_reminder.no_user", "请先登录", "Sign in first");
        var r = await db.Set<ArrearsReminder>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("arrears reminder");
        var name = await names.NameAsync(userId, ct) ?? "?";
        var now = clock.GetUtcNow();
        var note = input.Note?.Trim() is { Length: > 0 } n ? n : null;
        r.RecordVisit(input.Outcome!.Value, note, input.PromisedDate, userId, name, now);
        var others = await db.Set<ArrearsReminder>()
            .Where(x => x.UnitId == r.UnitId && x.Id != r.Id && x.Step == ReminderStep.Visit && x.Outcome == null)
            .OrderBy(x => x.Id)
            .ToListAsync(ct);
        foreach (var x in others)
            x.RecordVisit(input.Outcome.Value, note, input.PromisedDate, userId, name, now);
        await db.SaveChangesAsync(ct);
    }

    private IQueryable<ReminderDto> Dtos(IQueryable<ArrearsReminder> q)
    {
        var labels = db.UnitLabels();
        var bills = db.Set<Bill>();
        return q.Select(r => new ReminderDto(
            r.Id,
            r.ProjectId,
            r.UnitId,
            labels.Where(u => u.Id == r.UnitId).Select(u => u.Label).FirstOrDefault() ?? "",
            r.BillId,
            bills.Where(b => b.Id == r.BillId).Select(b => b.Period).FirstOrDefault(),
            r.Step,
            r.SentAt,
            r.DaysPastDue,
            r.Owed,
            r.Recipients,
            r.StewardUserId,
            r.Outcome,
            r.OutcomeNote,
            r.PromisedDate,
            r.VisitedAt,
            r.VisitedByName,
            bills.Where(b => b.Id == r.BillId).Select(b => b.Paid >= b.Amount).FirstOrDefault()
        ));
    }

    public async Task<ReminderDto> OneAsync(Guid id, CancellationToken ct) =>
        await Dtos(db.Set<ArrearsReminder>().AsNoTracking().Where(r => r.Id == id)).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException("arrears reminder");

    /// <summary>The <paramref name="each"/> newest reminders of each of these households, in two queries (the visits page): their
    /// keys, then the chosen ones.</summary>
    public async Task<List<ReminderDto>> ForUnitsAsync(IReadOnlyCollection<Guid> unitIds, int each, CancellationToken ct)
    {
        var keys = await db.Set<ArrearsReminder>()
            .AsNoTracking()
            .Where(r => unitIds.Contains(r.UnitId))
            .OrderByDescending(r => r.SentAt)
            .ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.UnitId })
            .ToListAsync(ct);
        var ids = keys.GroupBy(k => k.UnitId).SelectMany(g => g.Take(each)).Select(k => k.Id).ToList();
        return await Dtos(db.Set<ArrearsReminder>().AsNoTracking().Where(r => ids.Contains(r.Id))).ToListAsync(ct);
    }

    /// <summary>The visits whose outcome was recorded most recently (by when the visit was recorded).</summary>
    public Task<List<ReminderDto>> RecordedVisitsAsync(int take, CancellationToken ct) =>
        Dtos(
                db.Set<ArrearsReminder>()
                    .AsNoTracking()
                    .Where(r => r.Step == ReminderStep.Visit && r.Outcome != null)
                    .OrderByDescending(r => r.VisitedAt)
                    .ThenBy(r => r.Id)
                    .Take(take)
            )
            .ToListAsync(ct);

    /// <summary><paramref name="open"/>: visits not yet recorded whose bill is still owed.</summary>
    public Task<Paged<ReminderDto>> ListAsync(
        Guid? projectId,
        Guid? unitId,
        ReminderStep? step,
        bool? open,
        int? page,
        int? pageSize,
        CancellationToken ct
    )
    {
        var q = db.Set<ArrearsReminder>().AsNoTracking();
        if (projectId is { } p)
            q = q.Where(r => r.ProjectId == p);
        if (unitId is { } u)
            q = q.Where(r => r.UnitId == u);
        if (step is { } s)
            q = q.Where(r => r.Step == s);
        if (open is { } wanted)
        {
            var owed = db.Set<Bill>().Where(b => b.Paid < b.Amount).Select(b => b.Id);
            q = wanted
                ? q.Where(r => r.Step == ReminderStep.Visit && r.Outcome == null && owed.Contains(r.BillId))
                : q.Where(r => !(r.Step == ReminderStep.Visit && r.Outcome == null && owed.Contains(r.BillId)));
        }
        return Dtos(q.OrderByDescending(r => r.SentAt).ThenBy(r => r.Id)).ToPagedAsync(page, pageSize, ct);
    }
}
