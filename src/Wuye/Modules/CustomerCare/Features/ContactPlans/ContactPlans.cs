using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.ContactPlans;

/// <summary>
/// Stewards' monthly contact plans: made by the steward for their zone (or by the desk for a zone's steward, or for a project),
/// the households chosen by <see cref="ContactPlanner"/>; progress = the plan's households with a care visit recorded in the
/// month (an office plan also counts this week's against 15); an issue raised is opened as a service request through WorkOrders'
/// contract, in the same transaction as its record.
/// </summary>
internal sealed class ContactPlans(WuyeDb db, TimeProvider clock, UserNames names, Notifier notifier, IServiceRequests requests)
{
    public static DateOnly MonthOf(DateOnly d) => new(d.Year, d.Month, 1);

    public IQueryable<ContactPlan> Plans(DateOnly? month, Guid? projectId, bool mine)
    {
        var q = db.Set<ContactPlan>().AsNoTracking();
        if (month is { } m)
        {
            var first = MonthOf(m);
            q = q.Where(p => p.Month == first);
        }
        if (projectId is { } pr)
            q = q.Where(p => p.ProjectId == pr);
        if (mine)
        {
            var me = db.Scope.UserId;
            q = q.Where(p => p.StewardUserId == me);
        }
        return q;
    }

    public async Task<List<ContactPlanDto>> ListAsync(IQueryable<ContactPlan> q, CancellationToken ct)
    {
        var plans = await q.OrderByDescending(p => p.Month).ThenBy(p => p.StewardName).ThenBy(p => p.Id).Take(200).ToListAsync(ct);
        var ids = plans.Select(p => p.Id).ToList();
        var items = await db.Set<ContactPlanItem>()
            .AsNoTracking()
            .Where(i => ids.Contains(i.PlanId))
            .Select(i => new { i.PlanId, i.UnitId })
            .ToListAsync(ct);
        var contacted = await ContactsAsync(plans, items.Select(i => i.UnitId).Distinct().ToList(), ct);
        var issues = await db.Set<ContactIssue>()
            .Where(i => ids.Contains(i.PlanId))
            .GroupBy(i => i.PlanId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var week = WeekStart();
        return
        [
            .. plans.Select(p =>
            {
                var units = items.Where(i => i.PlanId == p.Id).Select(i => i.UnitId).ToList();
                var visits = units.Select(u => FirstIn(contacted, u, p.Month)).Where(v => v is not null).ToList();
                return new ContactPlanDto(
                    p.Id,
                    p.ProjectId,
                    p.ZoneId,
                    p.StewardUserId,
                    p.StewardName,
                    p.Month,
                    p.Office,
                    p.Target,
                    units.Count,
                    visits.Count,
                    units.Count(u => contacted.Any(v => v.UnitId == u && v.VisitedAt >= week)),
                    issues.GetValueOrDefault(p.Id)
                );
            }),
        ];
    }

    private sealed record Contact(Guid UnitId, DateTimeOffset VisitedAt, string VisitorName);

    /// <summary>The care visits to these households within the plans' months (the reader's scope's visits).</summary>
    private async Task<List<Contact>> ContactsAsync(List<ContactPlan> plans, List<Guid> units, CancellationToken ct)
    {
        if (plans.Count == 0 || units.Count == 0)
            return [];
        var from = ChinaTime.StartOf(plans.Min(p => p.Month));
        var to = ChinaTime.StartOf(plans.Max(p => p.Month).AddMonths(1));
        return await db.Set<CareVisit>()
            .AsNoTracking()
            .Where(v => units.Contains(v.UnitId) && v.VisitedAt >= from && v.VisitedAt < to)
            .OrderBy(v => v.VisitedAt)
            .ThenBy(v => v.Id)
            .Select(v => new Contact(v.UnitId, v.VisitedAt, v.VisitorName))
            .ToListAsync(ct);
    }

    private static Contact? FirstIn(List<Contact> contacts, Guid unit, DateOnly month)
    {
        var (from, to) = (ChinaTime.StartOf(month), ChinaTime.StartOf(month.AddMonths(1)));
        return contacts.FirstOrDefault(c => c.UnitId == unit && c.VisitedAt >= from && c.VisitedAt < to);
    }

    private DateTimeOffset WeekStart()
    {
        var today = ChinaTime.Today(clock);
        return ChinaTime.StartOf(today.AddDays(-(((int)today.DayOfWeek + 6) % 7)));
    }

    public async Task<ContactPlanDetailDto> OneAsync(Guid id, CancellationToken ct)
    {
        var plan = (await ListAsync(db.Set<ContactPlan>().Where(p => p.Id == id), ct)).FirstOrDefault()
            ?? throw new NotFoundException("contact plan");
        var labels = db.UnitLabels();
        var items = await db.Set<ContactPlanItem>()
            .AsNoTracking()
            .Where(i => i.PlanId == id)
            .OrderBy(i => i.Position)
            .ThenBy(i => i.Id)
            .Select(i => new
            {
                i.UnitId,
                Label = labels.Where(l => l.Id == i.UnitId).Select(l => l.Label).FirstOrDefault() ?? "",
                i.Position,
                i.LastContactAt,
            })
            .ToListAsync(ct);
        var planRow = await db.Set<ContactPlan>().AsNoTracking().FirstAsync(p => p.Id == id, ct);
        var contacts = await ContactsAsync([planRow], [.. items.Select(i => i.UnitId)], ct);
        var issues = await db.Set<ContactIssue>()
            .AsNoTracking()
            .Where(i => i.PlanId == id)
            .OrderBy(i => i.CreatedAt)
            .ThenBy(i => i.Id)
            .Select(i => new ContactIssueDto(
                i.Id,
                i.UnitId,
                labels.Where(l => l.Id == i.UnitId).Select(l => l.Label).FirstOrDefault() ?? "",
                i.Description,
                i.ServiceRequestId,
                i.ServiceRequestNumber,
                i.RaisedByName,
                i.CreatedAt
            ))
            .ToListAsync(ct);
        return new ContactPlanDetailDto(
            plan,
            [
                .. items.Select(i =>
                {
                    var c = FirstIn(contacts, i.UnitId, planRow.Month);
                    return new ContactPlanHouseholdDto(i.UnitId, i.Label, i.Position, i.LastContactAt, c?.VisitedAt, c?.VisitorName);
                }),
            ],
            issues
        );
    }

    public async Task<Guid> CreateAsync(NewContactPlan input, CancellationToken ct)
    {
        Validator.Check(input);
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == input.ProjectId && p.ArchivedAt == null)
            .Select(p => new
            {
                p.Id,
                p.CompanyId,
                p.Kind,
            })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var today = ChinaTime.Today(clock);
        var month = MonthOf(input.Month!.Value);
        if (month < MonthOf(today) || month > MonthOf(today).AddMonths(2))
            throw ValidationException.For("month", "只能制定本月或之后两个月的计划", "Plan this month or one of the next two");
        var me = db.Scope.UserId ?? throw new ForbiddenException("需要登录", "Sign in first");
        var zone = input.ZoneId;
        Guid steward = me;
        if (zone is { } z)
        {
            var found = await db.ZoneRefs()
                .Where(x => x.Id == z && x.ProjectId == project.Id && x.ArchivedAt == null)
                .Select(x => new { x.StewardUserId })
                .FirstOrDefaultAsync(ct)
                ?? throw ValidationException.For("zoneId", "片区不属于该项目", "The zone is not in this project");
            steward = found.StewardUserId ?? me;
        }
        else if (!db.Scope.HasRoleAt(CareRoles.Stewards, project.CompanyId, project.Id, null))
            zone = await db.ZoneRefs()
                .Where(x => x.ProjectId == project.Id && x.StewardUserId == me && x.ArchivedAt == null)
                .OrderBy(x => x.Name)
                .ThenBy(x => x.Id)
                .Select(x => (Guid?)x.Id)
                .FirstOrDefaultAsync(ct)
                ?? throw ValidationException.For("zoneId", "请选择您负责的片区", "Choose a zone you look after");
        if (
            await db.Set<ContactPlan>()
                .IgnoreQueryFilters()
                .AnyAsync(p => p.StewardUserId == steward && p.ProjectId == project.Id && p.Month == month, ct)
        )
            throw ValidationException.For("month", "该管家本月已有走访计划", "The steward already has a plan for that month");
        var office = project.Kind == ProjectKind.Office;
        var target = ContactPlan.TargetFor(office, month);
        var picks = await ContactPlanner.ChooseAsync(db, project.Id, zone, today, target, ct);
        if (picks.Count == 0)
            throw ValidationException.For("zoneId", "范围内没有在住的住户", "No lived-in households there");
        var plan = ContactPlanner.Add(
            db,
            new(project.CompanyId, project.Id, zone, steward, await names.NameAsync(steward, ct) ?? "", month, office),
            picks
        );
        if (steward != me)
            await notifier.NotifyAsync(
                [steward],
                project.CompanyId,
                Loc.T("新的走访计划", "A new contact plan"),
                Loc.T($"{month:yyyy-MM} 需走访 {picks.Count} 户", $"{picks.Count} households to contact in {month:yyyy-MM}"),
                $"/care/contact-plans?id={plan.Id}",
                $"contact-plan:{plan.Id:N}",
                ct
            );
        await db.SaveChangesAsync(ct);
        return plan.Id;
    }

    public async Task<Guid> RaiseIssueAsync(Guid planId, NewContactIssue input, CancellationToken ct)
    {
        Validator.Check(input);
        var plan = await db.Set<ContactPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct)
            ?? throw new NotFoundException("contact plan");
        var item = await db.Set<ContactPlanItem>()
            .AsNoTracking()
            .FirstOrDefaultAsync(i => i.PlanId == planId && i.UnitId == input.UnitId, ct)
            ?? throw ValidationException.For("unitId", "该住户不在本计划中", "The household is not in this plan");
        var by = (db.Scope.UserId is { } u ? await names.NameAsync(u, ct) : null) ?? Loc.T("管家", "Steward");
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var created = await requests.CreateAsync(
            new CreateServiceRequest(item.UnitId, input.Category, $"[走访沟通] {input.Description!.Trim()}", by, null),
            ct
        );
        var issue = new ContactIssue
        {
            CompanyId = plan.CompanyId,
            ProjectId = plan.ProjectId,
            ZoneId = item.ZoneId,
            UnitId = item.UnitId,
            PlanId = plan.Id,
            Description = input.Description.Trim(),
            ServiceRequestId = created.Id,
            ServiceRequestNumber = created.Number,
            RaisedByName = by,
        };
        db.Add(issue);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return issue.Id;
    }

    /// <summary>The households of my plans this month not contacted yet (the steward's home line).</summary>
    public async Task<int> RemainingAsync(CancellationToken ct)
    {
        var mine = await ListAsync(Plans(ChinaTime.Today(clock), null, true), ct);
        return mine.Sum(p => p.Households - p.Contacted);
    }
}
