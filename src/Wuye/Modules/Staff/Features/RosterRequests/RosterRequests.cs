using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Rosters;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.RosterRequests;

internal sealed record LeaveInput(Guid? ProjectId, DateOnly? FromDay, DateOnly? ToDay, string? Reason) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("fromDay", FromDay, "开始日期", "First day")
            .Required("toDay", ToDay, "结束日期", "Last day")
            .Required("reason", Reason, "请假事由", "Reason")
            .MaxLength("reason", Reason, 200, "请假事由", "Reason");
}

internal sealed record SwapInput(Guid? EntryId, Guid? WithEntryId, string? Reason) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("entryId", EntryId, "我的班次", "My shift")
            .Required("withEntryId", WithEntryId, "同事的班次", "Colleague's shift")
            .Required("reason", Reason, "换班事由", "Reason")
            .MaxLength("reason", Reason, 200, "换班事由", "Reason");
}

internal sealed record DecisionInput(bool? Approve, string? Note) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("approve", Approve, "审批结果", "Decision").MaxLength("note", Note, 200, "审批意见", "Note");
}

/// <summary>
/// 请假与换班 (/rosters/leaves, /rosters/swaps): a rostered member of staff asks for leave or to swap a coming shift with a
/// colleague's; the project's managers are told and decide. An approved leave takes the person off the shifts it covers
/// (gaps to fill); an approved swap exchanges the two people, each checked against the other's post.
/// </summary>
internal sealed class RosterRequestsHandler(WuyeDb db, TimeProvider clock, Notifier notifier)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/rosters").WithTags("Staff");
        g.MapGet("/leaves", async (WuyeDb db, Guid? projectId, EnumQuery<RequestStatus>? status, CancellationToken ct) =>
            {
                var q = RosterViews.Leaves(db);
                if (projectId is { } p)
                    q = q.Where(l => l.ProjectId == p);
                if (status?.Value is { } s)
                    q = q.Where(l => l.Status == s);
                var rows = await q.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id).Take(200).ToListAsync(ct);
                return TypedResults.Ok(rows.Select(RosterViews.ToDto).ToList());
            })
            .RequireRoles(RostersHandler.Readers)
            .WithSummary("Leave requests: a keeper's projects, or one's own; ?projectId=&status=pending");
        g.MapPost("/leaves", async Task<Created<LeaveDto>> (RosterRequestsHandler h, LeaveInput body, CancellationToken ct) =>
                TypedResults.Created("/api/v1/rosters/leaves", await h.AskLeaveAsync(body, ct))
            )
            .RequireRoles(StaffRoles.Rostered)
            .WithSummary("Ask for leave of whole days (the reader's own, on a project of theirs)");
        g.MapPost(
                "/leaves/{id:guid}/decision",
                async Task<Ok<LeaveDto>> (RosterRequestsHandler h, Guid id, DecisionInput body, CancellationToken ct) =>
                    TypedResults.Ok((await h.DecideLeaveAsync(id, body, ct)).Leave)
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Approve or reject a leave request; approval takes the person off the shifts it covers");
        g.MapGet("/swaps", async (WuyeDb db, Guid? projectId, EnumQuery<RequestStatus>? status, CancellationToken ct) =>
            {
                var q = RosterViews.Swaps(db);
                if (projectId is { } p)
                    q = q.Where(l => l.ProjectId == p);
                if (status?.Value is { } s)
                    q = q.Where(l => l.Status == s);
                var rows = await q.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id).Take(200).ToListAsync(ct);
                return TypedResults.Ok(rows.Select(RosterViews.ToDto).ToList());
            })
            .RequireRoles(RostersHandler.Readers)
            .WithSummary("Shift swaps: a keeper's projects, or those one asked or is asked for; ?projectId=&status=pending");
        g.MapPost("/swaps", async Task<Created<SwapDto>> (RosterRequestsHandler h, SwapInput body, CancellationToken ct) =>
                TypedResults.Created("/api/v1/rosters/swaps", await h.AskSwapAsync(body, ct))
            )
            .RequireRoles(StaffRoles.Rostered)
            .WithSummary("Ask to swap one of the reader's coming shifts with a colleague's");
        g.MapPost(
                "/swaps/{id:guid}/decision",
                async Task<Ok<SwapDto>> (RosterRequestsHandler h, Guid id, DecisionInput body, CancellationToken ct) =>
                    TypedResults.Ok(await h.DecideSwapAsync(id, body, ct))
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Approve (exchanging the two people) or reject a shift swap");
    }

    private Guid Me => db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");

    private async Task<string> MyNameAsync(CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == Me).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";

    private async Task TellKeepersAsync(Guid company, Guid project, string zh, string en, string key, CancellationToken ct)
    {
        var to = await notifier.UsersWithRoleAsync(Roles.ProjectManager, company, project, ct);
        await notifier.NotifyAsync(
            to,
            company,
            Loc.T("排班申请待审批", "Roster request to decide"),
            Loc.T(zh, en),
            RosterViews.Page,
            key,
            ct
        );
    }

    public async Task<LeaveDto> AskLeaveAsync(LeaveInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var me = Me;
        var staff = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => s.UserId == me && s.ArchivedAt == null && s.ProjectId != null)
            .Where(s => input.ProjectId == null || s.ProjectId == input.ProjectId)
            .OrderBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                s.CompanyId,
                ProjectId = s.ProjectId!.Value,
                s.Name,
            })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "您不在该项目的员工名册中", "You are not on that project's staff register");
        var leave = LeaveRequest.Ask(
            staff.CompanyId,
            staff.ProjectId,
            staff.Id,
            me,
            staff.Name,
            input.FromDay!.Value,
            input.ToDay!.Value,
            input.Reason!,
            ChinaTime.Today(clock)
        );
        db.Add(leave);
        await TellKeepersAsync(
            leave.CompanyId,
            leave.ProjectId,
            $"{leave.StaffName} 申请 {leave.FromDay:MM-dd} 至 {leave.ToDay:MM-dd} 请假：{leave.Reason}",
            $"{leave.StaffName} asks for leave {leave.FromDay:MM-dd} to {leave.ToDay:MM-dd}: {leave.Reason}",
            $"leave:{leave.Id}",
            ct
        );
        await db.SaveChangesAsync(ct);
        return RosterViews.ToDto(leave);
    }

    public async Task<(LeaveDto Leave, int Vacated)> DecideLeaveAsync(Guid id, DecisionInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var leave = await db.Set<LeaveRequest>().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (leave is null || !StaffRoles.Kept(db.Scope).Covers(leave.CompanyId, leave.ProjectId))
            throw new NotFoundException("leave-request");
        var now = clock.GetUtcNow();
        leave.Decide(input.Approve!.Value, Me, await MyNameAsync(ct), input.Note, now);
        var vacated = 0;
        if (leave.Status == RequestStatus.Approved)
        {
            var (from, to) = (leave.FromDay, leave.ToDay);
            var entries = await db.Set<RosterEntry>()
                .Where(e => e.StaffMemberId == leave.StaffMemberId && e.Day >= from && e.Day <= to && e.StartsAt > now)
                .OrderBy(e => e.Id)
                .ToListAsync(ct);
            db.RemoveRange(entries);
            vacated = entries.Count;
        }
        await notifier.NotifyAsync(
            [leave.UserId],
            leave.CompanyId,
            Loc.T("请假审批结果", "Leave decided"),
            Loc.T(
                $"{leave.FromDay:MM-dd} 至 {leave.ToDay:MM-dd} 的请假{RosterViewsZh(leave.Status)}",
                $"Your leave {leave.FromDay:MM-dd} to {leave.ToDay:MM-dd} was {leave.Status.ToString().ToLowerInvariant()}"
            ),
            RosterViews.Page,
            $"leave-decided:{leave.Id}",
            ct
        );
        await db.SaveChangesAsync(ct);
        return (RosterViews.ToDto(leave), vacated);
    }

    private static string RosterViewsZh(RequestStatus s) => s == RequestStatus.Approved ? "已批准" : "未获批准";

    public async Task<SwapDto> AskSwapAsync(SwapInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var mine = await db.Set<RosterEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == input.EntryId, ct)
            ?? throw ValidationException.For("entryId", "班次不存在", "Shift not found");
        var theirs = await db.Set<RosterEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == input.WithEntryId, ct)
            ?? throw ValidationException.For("withEntryId", "班次不存在", "Shift not found");
        var swap = ShiftSwap.Ask(mine, theirs, Me, input.Reason!, clock.GetUtcNow());
        if (
            await db.Set<ShiftSwap>()
                .AnyAsync(s => s.Status == RequestStatus.Pending && (s.EntryId == mine.Id || s.WithEntryId == mine.Id), ct)
        )
            throw new RuleException("swap.pending", "该班次已有待审批的换班申请", "That shift already has a swap waiting");
        db.Add(swap);
        var (zh, en) = (
            $"{swap.RequesterName} 申请与 {swap.PartnerName} 换班：{mine.Day:MM-dd} ↔ {theirs.Day:MM-dd}",
            $"{swap.RequesterName} asks to swap with {swap.PartnerName}: {mine.Day:MM-dd} ↔ {theirs.Day:MM-dd}"
        );
        await TellKeepersAsync(swap.CompanyId, swap.ProjectId, zh, en, $"swap:{swap.Id}", ct);
        if (swap.PartnerUserId is { } partner)
            await notifier.NotifyAsync(
                [partner],
                swap.CompanyId,
                Loc.T("换班申请", "Shift swap"),
                Loc.T(zh, en),
                RosterViews.Page,
                $"swap-partner:{swap.Id}",
                ct
            );
        await db.SaveChangesAsync(ct);
        return RosterViews.ToDto(swap);
    }

    public async Task<SwapDto> DecideSwapAsync(Guid id, DecisionInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var swap = await db.Set<ShiftSwap>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (swap is null || !StaffRoles.Kept(db.Scope).Covers(swap.CompanyId, swap.ProjectId))
            throw new NotFoundException("shift-swap");
        var mine = await db.Set<RosterEntry>().FirstAsync(e => e.Id == swap.EntryId, ct);
        var theirs = await db.Set<RosterEntry>().FirstAsync(e => e.Id == swap.WithEntryId, ct);
        if (input.Approve == true && swap.Status == RequestStatus.Pending)
        {
            // Each person must be fit for the other's post and time (certificate, leave, other shifts but these two).
            await CheckAsync(theirs, mine.StaffMemberId, mine.StaffName, [mine.Id, theirs.Id], ct);
            await CheckAsync(mine, theirs.StaffMemberId, theirs.StaffName, [mine.Id, theirs.Id], ct);
        }
        swap.Decide(input.Approve!.Value, mine, theirs, Me, await MyNameAsync(ct), clock.GetUtcNow());
        var to = new[] { swap.RequesterUserId, swap.PartnerUserId ?? Guid.Empty }.Where(u => u != Guid.Empty);
        await notifier.NotifyAsync(
            to,
            swap.CompanyId,
            Loc.T("换班审批结果", "Shift swap decided"),
            Loc.T(
                $"{swap.RequesterName} 与 {swap.PartnerName} 的换班{RosterViewsZh(swap.Status)}",
                $"The swap of {swap.RequesterName} and {swap.PartnerName} was {swap.Status.ToString().ToLowerInvariant()}"
            ),
            RosterViews.Page,
            $"swap-decided:{swap.Id}",
            ct
        );
        await db.SaveChangesAsync(ct);
        return RosterViews.ToDto(swap);
    }

    private async Task CheckAsync(RosterEntry entry, Guid staffId, string name, Guid[] ignoring, CancellationToken ct)
    {
        var post = await db.Set<RosterPost>().AsNoTracking().FirstAsync(p => p.Id == entry.PostId, ct);
        var fit = await RosterFitness.OfAsync(db, post, staffId, entry.Day, entry.StartsAt, entry.EndsAt, ignoring, ct);
        RosterEntry.Check(post, name, fit, "approve");
    }
}
