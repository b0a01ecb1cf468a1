using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.MasterData.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features;

internal static class Endpoints
{
    public static readonly string[] Reporters = [Roles.Owner, Roles.CustomerService, Roles.Steward, Roles.MonitoringCenter, Roles.SecurityGuard,
        Roles.Technician, Roles.ProjectManager, Roles.CompanyManager];
    public static readonly string[] Dispatchers = [Roles.CustomerService, Roles.ProjectManager, Roles.CompanyManager, Roles.Steward];

    public static void Map(RouteGroupBuilder api)
    {
        MapRequests(api.MapGroup("/service-requests").WithTags("Service requests"));
        MapOrders(api.MapGroup("/work-orders").WithTags("Work orders"));
        MapVisits(api.MapGroup("/return-visits").WithTags("Return visits"));
        MapPolicies(api);
        MetricsEndpoints.Map(api);
        LegacyDefectEndpoints.Map(api);
        ImportEndpoints.Map(api);
        VisitReportEndpoints.Map(api);
    }

    private static void MapRequests(RouteGroupBuilder g)
    {
        g.MapGet("/", async (WuyeDb db, EnumQuery<RequestStatus>? status, Guid? projectId, Guid? unitId, string? q, int? page, int? pageSize, CancellationToken ct) =>
        {
            var query = db.Set<ServiceRequest>().AsNoTracking();
            if (status?.Value is { } s) query = query.Where(r => r.Status == s);
            if (projectId is { } p) query = query.Where(r => r.ProjectId == p);
            if (unitId is { } u) query = query.Where(r => r.UnitId == u);
            if (!string.IsNullOrWhiteSpace(q)) query = query.Where(r => r.Number.Contains(q.Trim()) || r.Description.Contains(q.Trim()));
            return TypedResults.Ok(await Queries.Requests(db, query.OrderByDescending(r => r.OpenedAt)).ToPagedOneTripAsync(page, pageSize, ct));
        }).WithSummary("Service requests the user may see, newest first");

        g.MapGet("/{id:guid}", async Task<Results<Ok<ServiceRequestDetail>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
            await Queries.DetailAsync(db, id, clock.GetUtcNow(), ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound())
            .WithSummary("One request with its work orders, return visits and full timeline");

        g.MapPost("/", async (WuyeDb db, WorkOrderService svc, NewServiceRequest body, CancellationToken ct) =>
        {
            // Answered from what was just written: reading it back cost a round trip per request.
            var (r, label) = await svc.CreateWithLabelAsync(body, ct);
            var dto = new ServiceRequestDto(r.Id, r.Number, r.ProjectId, r.ZoneId, r.UnitId, label, r.Location, r.Channel, r.Category, r.Urgency, r.Status,
                r.Description, r.ReporterName, r.PhotoIds, r.VisitFrom, r.VisitTo, r.OpenedAt, r.CompletionDueAt, r.CompletedAt, r.ClosedAt, r.ReworkCount,
                r.Satisfied, r.Score, r.MergedIntoId);
            return TypedResults.Created($"/api/v1/service-requests/{r.Id}", dto);
        }).RequireRoles(Reporters).WithSummary("Register a request (unit, or public area with project/zone/location); starts its clocks");

        g.MapPost("/{id:guid}/merge", async (WorkOrderService svc, Guid id, MergeInput body, CancellationToken ct) =>
        {
            await svc.MergeAsync(id, body, ct);
            return TypedResults.NoContent();
        }).RequireRoles(Dispatchers).WithSummary("Merge a duplicate public-area report into another request");

        g.MapPost("/{id:guid}/rating", async (WorkOrderService svc, Guid id, VisitInput body, CancellationToken ct) =>
        {
            var v = await svc.RateAsync(id, body, ct);
            return TypedResults.Ok(new { v.Id, v.Satisfied, v.Score, v.ReworkWorkOrderId });
        }).RequireRoles(Roles.Owner).WithSummary("The owner rates the finished work (counts as the return visit)");
    }

    private static void MapOrders(RouteGroupBuilder g)
    {
        g.MapGet("/", async (WuyeDb db, EnumQuery<WorkOrderStatus>? status, bool? open, bool? mine, Guid? projectId, Guid? assigneeUserId, int? page, int? pageSize, CancellationToken ct) =>
        {
            var query = db.Set<WorkOrder>().AsNoTracking();
            if (status?.Value is { } s) query = query.Where(w => w.Status == s);
            if (open == true) query = query.Where(w => WorkOrderService.OpenStatuses.Contains(w.Status));
            if (mine == true) { var me = db.Scope.UserId; query = query.Where(w => w.AssigneeUserId == me); }
            if (projectId is { } p) query = query.Where(w => w.ProjectId == p);
            if (assigneeUserId is { } a) query = query.Where(w => w.AssigneeUserId == a);
            return TypedResults.Ok(await Queries.Orders(db, query.OrderBy(w => w.CompletionDueAt ?? w.ClockStartedAt)).ToPagedOneTripAsync(page, pageSize, ct));
        }).WithSummary("Work orders the user may see, most urgent first");

        g.MapGet("/{id:guid}", async Task<Results<Ok<WorkOrderDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await Queries.Orders(db, db.Set<WorkOrder>().AsNoTracking().Where(w => w.Id == id)).FirstOrDefaultAsync(ct) is { } w ? TypedResults.Ok(w) : TypedResults.NotFound())
            .WithSummary("One work order with its clocks");

        g.MapGet("/technicians", async Task<Results<Ok<List<TechnicianDto>>, NotFound>> (WuyeDb db, Notifier notifier, Guid projectId, CancellationToken ct) =>
        {
            var project = await db.ProjectRefs().AsNoTracking().Where(p => p.Id == projectId).Select(p => new { p.Id, p.CompanyId }).FirstOrDefaultAsync(ct);
            if (project is null) return TypedResults.NotFound();
            var ids = await notifier.UsersWithRoleAsync(Roles.Technician, project.CompanyId, project.Id, ct);
            var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, Name = u.DisplayName ?? u.UserName }).ToListAsync(ct);
            var load = await db.Set<WorkOrder>().AsNoTracking().Where(w => w.AssigneeUserId != null && ids.Contains(w.AssigneeUserId.Value) && WorkOrderService.OpenStatuses.Contains(w.Status))
                .GroupBy(w => w.AssigneeUserId).Select(x => new { x.Key, N = x.Count() }).ToDictionaryAsync(x => x.Key!.Value, x => x.N, ct);
            return TypedResults.Ok(names.Select(n => new TechnicianDto(n.Id, n.Name ?? "", load.GetValueOrDefault(n.Id))).OrderBy(t => t.OpenJobs).ThenBy(t => t.Name).ToList());
        }).RequireRoles(Dispatchers).WithSummary("Technicians of a project with their current load, for dispatch");

        Action(g, "dispatch", Dispatchers, (svc, id, body, ct) => svc.DispatchAsync(id, Body<DispatchInput>(body), ct), typeof(DispatchInput), "Dispatch to a technician, or to all of the project's technicians");
        g.MapPost("/{id:guid}/accept", async Task<Results<Ok<WorkOrderDto>, NotFound>> (WuyeDb db, WorkOrderService svc, Guid id, CancellationToken ct) =>
        {
            await svc.AcceptAsync(id, ct);
            return await Reload(db, id, ct);
        }).RequireRoles(Roles.Technician).WithSummary("Accept a job; when two technicians accept at once exactly one wins, the other gets 409");
        Action(g, "decline", [Roles.Technician], (svc, id, body, ct) => svc.DeclineAsync(id, Body<ReasonInput>(body), ct), typeof(ReasonInput), "Decline a job dispatched to me, with a reason");
        Action(g, "transfer", [.. Dispatchers, Roles.Technician], (svc, id, body, ct) => svc.TransferAsync(id, Body<TransferInput>(body), ct), typeof(TransferInput), "Transfer to another technician, with a reason");
        g.MapPost("/{id:guid}/arrive", async Task<Results<Ok<WorkOrderDto>, NotFound>> (WuyeDb db, WorkOrderService svc, Guid id, CancellationToken ct) =>
        {
            await svc.ArriveAsync(id, ct);
            return await Reload(db, id, ct);
        }).RequireRoles(Roles.Technician).WithSummary("Check in on site (arrival time recorded)");
        Action(g, "pause", [Roles.Technician], (svc, id, body, ct) => svc.PauseAsync(id, Body<PauseInput>(body), ct), typeof(PauseInput), "Pause the clocks: waiting for the owner or for parts");
        g.MapPost("/{id:guid}/resume", async Task<Results<Ok<WorkOrderDto>, NotFound>> (WuyeDb db, WorkOrderService svc, Guid id, CancellationToken ct) =>
        {
            await svc.ResumeAsync(id, ct);
            return await Reload(db, id, ct);
        }).RequireRoles(Roles.Technician).WithSummary("Resume the clocks; the limits move on by the time paused");
        Action(g, "complete", [Roles.Technician], (svc, id, body, ct) => svc.CompleteAsync(id, Body<CompleteInput>(body), ct), typeof(CompleteInput), "Finish with after photos, owner's confirmation, charges and the 'anything else?' note");

        var skills = g.MapGroup("/technician-skills");
        skills.MapGet("/", async (WuyeDb db, Guid? projectId, CancellationToken ct) =>
        {
            var q = db.Set<TechnicianSkill>().AsNoTracking();
            if (projectId is { } p) q = q.Where(s => s.ProjectId == p);
            return TypedResults.Ok(await q.OrderBy(s => s.UserId).ThenBy(s => s.Category)
                .Select(s => new { s.Id, technicianId = s.UserId, s.ProjectId, s.ZoneId, s.Category }).ToListAsync(ct));
        }).WithSummary("Technicians' skills, for automatic dispatch");
        skills.MapPost("/", async (WuyeDb db, Notifier notifier, SkillInput body, CancellationToken ct) =>
        {
            var project = await db.ProjectRefs().Where(p => p.Id == body.ProjectId).Select(p => new { p.Id, p.CompanyId }).FirstOrDefaultAsync(ct)
                ?? throw new ValidationException(new Dictionary<string, string[]> { ["projectId"] = [Loc.T("项目不存在或无权访问", "Project not found, or not yours")] });
            if (!(await notifier.UsersWithRoleAsync(Roles.Technician, project.CompanyId, project.Id, ct)).Contains(body.TechnicianId!.Value))
                throw new ValidationException(new Dictionary<string, string[]> { ["technicianId"] = [Loc.T("该人员不是本项目的维修工", "That person is not a technician of this project")] });
            if (body.ZoneId is { } z && !await db.ZoneRefs().AnyAsync(x => x.Id == z && x.ProjectId == project.Id, ct))
                throw new ValidationException(new Dictionary<string, string[]> { ["zoneId"] = [Loc.T("片区不属于该项目", "The zone is not in this project")] });
            if (await db.Set<TechnicianSkill>().AnyAsync(s => s.ProjectId == project.Id && s.UserId == body.TechnicianId && s.Category == body.Category && s.ZoneId == body.ZoneId, ct))
                throw new RuleException("technician_skill.exists", "已登记该技能", "This skill is already recorded");
            var skill = new TechnicianSkill { CompanyId = project.CompanyId, ProjectId = project.Id, ZoneId = body.ZoneId, UserId = body.TechnicianId!.Value, Category = body.Category!.Value };
            db.Add(skill);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/work-orders/technician-skills", new { skill.Id });
        }).RequireRoles(Roles.ProjectManager, Roles.CompanyManager).WithSummary("Record a technician's skill (optionally for one zone)");

        var prices = g.MapGroup("/price-items");
        prices.MapGet("/", async (WuyeDb db, Guid? projectId, CancellationToken ct) =>
        {
            var q = db.Set<PriceItem>().AsNoTracking();
            if (projectId is { } p) q = q.Where(x => x.ProjectId == null || x.ProjectId == p);
            return TypedResults.Ok(await q.OrderBy(x => x.Kind).ThenBy(x => x.Name).Select(x => new PriceItemDto(x.Id, x.Name, x.Kind, x.UnitName, x.Price)).ToListAsync(ct));
        }).WithSummary("The price list for paid household repairs");
    }

    private static T Body<T>(object? body) => (T)body!;

    /// <summary>POST /{id}/{action} with a validated body, answering the work order as it now stands.</summary>
    private static void Action(RouteGroupBuilder g, string action, string[] roles, Func<WorkOrderService, Guid, object?, CancellationToken, Task> run, Type bodyType, string summary)
    {
        if (bodyType == typeof(DispatchInput))
            g.MapPost($"/{{id:guid}}/{action}", async Task<Results<Ok<WorkOrderDto>, NotFound>> (WuyeDb db, WorkOrderService svc, Guid id, DispatchInput body, CancellationToken ct) =>
            { await run(svc, id, body, ct); return await Reload(db, id, ct); }).RequireRoles(roles).WithSummary(summary);
        else if (bodyType == typeof(ReasonInput))
            g.MapPost($"/{{id:guid}}/{action}", async Task<Results<Ok<WorkOrderDto>, NotFound>> (WuyeDb db, WorkOrderService svc, Guid id, ReasonInput body, CancellationToken ct) =>
            { await run(svc, id, body, ct); return await Reload(db, id, ct); }).RequireRoles(roles).WithSummary(summary);
        else if (bodyType == typeof(TransferInput))
            g.MapPost($"/{{id:guid}}/{action}", async Task<Results<Ok<WorkOrderDto>, NotFound>> (WuyeDb db, WorkOrderService svc, Guid id, TransferInput body, CancellationToken ct) =>
            { await run(svc, id, body, ct); return await Reload(db, id, ct); }).RequireRoles(roles).WithSummary(summary);
        else if (bodyType == typeof(PauseInput))
            g.MapPost($"/{{id:guid}}/{action}", async Task<Results<Ok<WorkOrderDto>, NotFound>> (WuyeDb db, WorkOrderService svc, Guid id, PauseInput body, CancellationToken ct) =>
            { await run(svc, id, body, ct); return await Reload(db, id, ct); }).RequireRoles(roles).WithSummary(summary);
        else
            g.MapPost($"/{{id:guid}}/{action}", async Task<Results<Ok<WorkOrderDto>, NotFound>> (WuyeDb db, WorkOrderService svc, Guid id, CompleteInput body, CancellationToken ct) =>
            { await run(svc, id, body, ct); return await Reload(db, id, ct); }).RequireRoles(roles).WithSummary(summary);
    }

    private static async Task<Results<Ok<WorkOrderDto>, NotFound>> Reload(WuyeDb db, Guid id, CancellationToken ct) =>
        await Queries.Orders(db, db.Set<WorkOrder>().AsNoTracking().Where(w => w.Id == id)).FirstOrDefaultAsync(ct) is { } w ? TypedResults.Ok(w) : TypedResults.NotFound();

    private static void MapVisits(RouteGroupBuilder g)
    {
        g.MapGet("/", async (WuyeDb db, TimeProvider clock, EnumQuery<ReturnVisitStatus>? status, Guid? projectId, bool? overdue, int? page, int? pageSize, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var q = db.Set<ReturnVisit>().AsNoTracking();
            if (status?.Value is { } s) q = q.Where(v => v.Status == s);
            if (projectId is { } p) q = q.Where(v => v.ProjectId == p);
            if (overdue == true) q = q.Where(v => v.Status == ReturnVisitStatus.Pending && v.DueAt < now);
            return TypedResults.Ok(await Queries.Visits(db, q.OrderBy(v => v.Status == ReturnVisitStatus.Pending ? 0 : 1).ThenBy(v => v.DueAt), now).ToPagedAsync(page, pageSize, ct));
        }).WithSummary("Return-visit tasks: pending ones first, by due time (one working day after completion)");

        g.MapPost("/{id:guid}/result", async (WorkOrderService svc, Guid id, VisitInput body, CancellationToken ct) =>
        {
            var v = await svc.RecordVisitAsync(id, body, ct);
            return TypedResults.Ok(new { v.Id, v.Satisfied, v.Score, v.ReworkWorkOrderId });
        }).RequireRoles(Dispatchers).WithSummary("Record the result; not satisfied opens a rework linked to the original job");
    }

    private static void MapPolicies(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/sla-policies").WithTags("SLA policies");
        g.MapGet("/", async (WuyeDb db, Guid? projectId, int? page, int? pageSize, CancellationToken ct) =>
        {
            var q = db.Set<SlaPolicy>().AsNoTracking();
            if (projectId is { } p) q = q.Where(x => x.ProjectId == p);
            return TypedResults.Ok(await q.OrderBy(x => x.ProjectId).ThenBy(x => x.Category).ThenBy(x => x.Urgency)
                .Select(x => new SlaPolicyDto(x.Id, x.ProjectId, x.Category, x.Urgency, x.ResponseMinutes, x.ArrivalMinutes, x.CompletionMinutes, x.AroundTheClock))
                .ToPagedAsync(page, pageSize, ct));
        }).WithSummary("The time-limit table (维护时限表)");

        g.MapPut("/", async (SlaSettings settings, SlaPolicyInput body, CancellationToken ct) => TypedResults.Ok(await settings.SetPolicyAsync(body, ct)))
            .RequireRoles(Roles.ProjectManager, Roles.CompanyManager).WithSummary("Set the limits for one project × category × urgency (applies to new requests)");

        g.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (SlaSettings settings, Guid id, CancellationToken ct) =>
            await settings.DeletePolicyAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .RequireRoles(Roles.ProjectManager, Roles.CompanyManager).WithSummary("Remove one row; that kind of request falls back to the row for any category");

        var c = api.MapGroup("/business-calendars").WithTags("SLA policies");
        c.MapGet("/{projectId:guid}", async Task<Results<Ok<CalendarDto>, NotFound>> (SlaSettings settings, Guid projectId, CancellationToken ct) =>
            await settings.CalendarAsync(projectId, ct) is { } cal ? TypedResults.Ok(cal) : TypedResults.NotFound())
            .WithSummary("A project's working hours, weekdays, holidays and swapped workdays");

        c.MapPut("/{projectId:guid}", async Task<Results<Ok<CalendarDto>, NotFound>> (SlaSettings settings, Guid projectId, CalendarInput body, CancellationToken ct) =>
            await settings.SetCalendarAsync(projectId, body, ct) is { } cal ? TypedResults.Ok(cal) : TypedResults.NotFound())
            .RequireRoles(Roles.ProjectManager, Roles.CompanyManager).WithSummary("Set a project's business calendar (applies to new clocks)");
    }
}
