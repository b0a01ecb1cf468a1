using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.ContactPlans;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.ContactMeetings;

/// <summary>
/// The monthly contact analysis meeting (走访分析会, 写字楼: 28 日): scheduled by the contact plan job, read with the month's plans
/// and the issues raised during the visits; the desk or a manager records it (findings, attendees; the month's figures kept as
/// they stood) and the issues raised at it, each then opened as a service request through WorkOrders' contract, in one
/// transaction with the link.
/// </summary>
internal sealed class ContactMeetings(
    WuyeDb db,
    TimeProvider clock,
    UserNames names,
    ContactPlans.ContactPlans plans,
    IServiceRequests requests
)
{
    public async Task<List<ContactMeetingDto>> ListAsync(Guid? projectId, DateOnly? month, CancellationToken ct)
    {
        var q = db.Set<ContactMeeting>().AsNoTracking();
        if (projectId is { } p)
            q = q.Where(m => m.ProjectId == p);
        if (month is { } d)
        {
            var first = ContactPlans.ContactPlans.MonthOf(d);
            q = q.Where(m => m.Month == first);
        }
        var today = ChinaTime.Today(clock);
        var rows = await q.OrderByDescending(m => m.Month)
            .ThenBy(m => m.ProjectId)
            .Take(100)
            .Join(db.ProjectRefs(), m => m.ProjectId, x => x.Id, (m, x) => new { m, x.Name })
            .ToListAsync(ct);
        return [.. rows.Select(r => Dto(r.m, r.Name, today))];
    }

    private static ContactMeetingDto Dto(ContactMeeting m, string project, DateOnly today) =>
        new(
            m.Id,
            m.ProjectId,
            project,
            m.Month,
            m.DueOn,
            m.HeldAt is null && today >= m.DueOn,
            m.HeldAt,
            m.ChairName,
            m.Attendees,
            m.Findings,
            m.Target,
            m.Contacted,
            m.IssuesRaised
        );

    public async Task<ContactMeetingDetailDto> OneAsync(Guid id, CancellationToken ct)
    {
        var meeting = (await ListOneAsync(id, ct)) ?? throw new NotFoundException("contact meeting");
        var monthPlans = await plans.ListAsync(plans.Plans(meeting.Month, meeting.ProjectId, false), ct);
        var planIds = monthPlans.Select(p => p.Id).ToList();
        var labels = db.UnitLabels();
        var visitIssues = await db.Set<ContactIssue>()
            .AsNoTracking()
            .Where(i => planIds.Contains(i.PlanId))
            .OrderBy(i => i.CreatedAt)
            .ThenBy(i => i.Id)
            .Take(500)
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
        var issues = await db.Set<ContactMeetingIssue>()
            .AsNoTracking()
            .Where(i => i.MeetingId == id)
            .OrderBy(i => i.CreatedAt)
            .ThenBy(i => i.Id)
            .Select(i => new ContactMeetingIssueDto(
                i.Id,
                i.HouseholdUnitId,
                labels.Where(l => l.Id == i.HouseholdUnitId).Select(l => l.Label).FirstOrDefault(),
                i.Location,
                i.Category,
                i.Description,
                i.RaisedByName,
                i.CreatedAt,
                i.ServiceRequestId,
                i.ServiceRequestNumber
            ))
            .ToListAsync(ct);
        return new ContactMeetingDetailDto(meeting, monthPlans, visitIssues, issues);
    }

    private async Task<ContactMeetingDto?> ListOneAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Set<ContactMeeting>()
            .AsNoTracking()
            .Where(m => m.Id == id)
            .Join(db.ProjectRefs(), m => m.ProjectId, x => x.Id, (m, x) => new { m, x.Name })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : Dto(row.m, row.Name, ChinaTime.Today(clock));
    }

    public async Task HoldAsync(Guid id, HoldContactMeeting input, CancellationToken ct)
    {
        Validator.Check(input);
        var meeting = await db.Set<ContactMeeting>().FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException("contact meeting");
        var monthPlans = await plans.ListAsync(plans.Plans(meeting.Month, meeting.ProjectId, false), ct);
        meeting.Hold(
            input.Findings!.Trim(),
            string.IsNullOrWhiteSpace(input.Attendees) ? null : input.Attendees.Trim(),
            await MeAsync(ct),
            (monthPlans.Sum(p => p.Target), monthPlans.Sum(p => p.Contacted), monthPlans.Sum(p => p.Issues)),
            ChinaTime.Today(clock),
            clock.GetUtcNow()
        );
        await db.SaveChangesAsync(ct);
    }

    public async Task<Guid> RaiseAsync(Guid id, NewContactMeetingIssue input, CancellationToken ct)
    {
        Validator.Check(input);
        var meeting = await db.Set<ContactMeeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException("contact meeting");
        if (
            input.UnitId is { } unit
            && !await db.UnitRefs().AnyAsync(u => u.Id == unit && u.ProjectId == meeting.ProjectId && u.ArchivedAt == null, ct)
        )
            throw ValidationException.For("unitId", "该住户不属于本项目", "The household is not in this project");
        var issue = ContactMeetingIssue.Raise(
            meeting,
            input.UnitId,
            input.Location?.Trim(),
            input.Category!.Value,
            input.Description!.Trim(),
            await MeAsync(ct)
        );
        db.Add(issue);
        await db.SaveChangesAsync(ct);
        return issue.Id;
    }

    public async Task OpenRequestAsync(Guid id, Guid issueId, CancellationToken ct)
    {
        var issue = await db.Set<ContactMeetingIssue>().FirstOrDefaultAsync(i => i.Id == issueId && i.MeetingId == id, ct)
            ?? throw new NotFoundException("contact meeting issue");
        issue.CheckNotOpened();
        var by = await MeAsync(ct);
        var text = $"[走访分析会] {issue.Description}";
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var created = issue.HouseholdUnitId is { } unit
            ? await requests.CreateAsync(new CreateServiceRequest(unit, issue.Category, text, by, null), ct)
            : await requests.CreateForPublicAreaAsync(
                new CreatePublicAreaRequest(issue.ProjectId, issue.Location ?? "", issue.Category, false, text, by),
                ct
            );
        issue.Opened(created.Id, created.Number, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task<string> MeAsync(CancellationToken ct)
    {
        var name = (db.Scope.UserId is { } u ? await names.NameAsync(u, ct) : null) ?? Loc.T("客服", "Desk");
        return name.Length > 50 ? name[..50] : name;
    }
}
