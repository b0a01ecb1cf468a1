using Wuye.Modules.MasterData.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features;

/// <summary>投诉回复口径 (seed 000 #70): a searchable library of questions and agreed answers; an edit is a new version.</summary>
internal static class ReplyScriptEndpoints
{
    public static readonly string[] Editors = [Roles.CustomerService, Roles.ProjectManager, Roles.CompanyManager, Roles.QualityInspector];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/reply-scripts").WithTags("Complaints");
        g.MapGet("/", async (WuyeDb db, EnumQuery<ComplaintCategory>? category, Guid? projectId, string? q, int? page, int? pageSize, CancellationToken ct) =>
        {
            var query = db.Set<ReplyScript>().AsNoTracking().Where(s => s.IsCurrent);
            if (category?.Value is { } c) query = query.Where(s => s.Category == c);
            if (projectId is { } p) query = query.Where(s => s.ProjectId == null || s.ProjectId == p);
            if (!string.IsNullOrWhiteSpace(q)) { var t = q.Trim(); query = query.Where(s => s.Question.Contains(t) || s.Answer.Contains(t)); }
            return TypedResults.Ok(await ComplaintQueries.Scripts(query.OrderBy(s => s.Category).ThenBy(s => s.Question)).ToPagedAsync(page, pageSize, ct));
        }).RequireRoles(ComplaintService.Handlers).WithSummary("Current reply scripts, searchable by words in the question or answer");

        g.MapGet("/{id:guid}/versions", async Task<Results<Ok<List<ReplyScriptDto>>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
        {
            var scriptId = await db.Set<ReplyScript>().Where(s => s.Id == id || s.ScriptId == id).Select(s => (Guid?)s.ScriptId).FirstOrDefaultAsync(ct);
            if (scriptId is null) return TypedResults.NotFound();
            return TypedResults.Ok(await ComplaintQueries.Scripts(db.Set<ReplyScript>().AsNoTracking().Where(s => s.ScriptId == scriptId).OrderByDescending(s => s.VersionNo)).ToListAsync(ct));
        }).RequireRoles(ComplaintService.Handlers).WithSummary("Every version of a script, newest first");

        g.MapPost("/", async Task<Results<Created<ReplyScriptDto>, NotFound>> (WuyeDb db, ReplyScriptInput body, CancellationToken ct) =>
        {
            var companyId = await CompanyAsync(db, body.ProjectId, ct);
            if (companyId is null) return TypedResults.NotFound();
            var s = new ReplyScript
            {
                CompanyId = companyId.Value, ProjectId = body.ProjectId, ScriptId = Guid.CreateVersion7(), VersionNo = 1, IsCurrent = true,
                Category = body.Category!.Value, Question = body.Question!.Trim(), Answer = body.Answer!.Trim(), EditedByName = await NameAsync(db, ct), ChangeNote = body.ChangeNote?.Trim(),
            };
            db.Add(s);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/reply-scripts/{s.Id}", await ComplaintQueries.Scripts(db.Set<ReplyScript>().AsNoTracking().Where(x => x.Id == s.Id)).FirstAsync(ct));
        }).RequireRoles(Editors).WithSummary("Add a script (for one project, or for the whole company without projectId)");

        g.MapPut("/{id:guid}", async Task<Results<Ok<ReplyScriptDto>, NotFound>> (WuyeDb db, Guid id, ReplyScriptInput body, CancellationToken ct) =>
        {
            var current = await db.Set<ReplyScript>().FirstOrDefaultAsync(s => (s.Id == id || s.ScriptId == id) && s.IsCurrent, ct);
            if (current is null) return TypedResults.NotFound();
            if (!db.Scope.CanWrite(current.CompanyId, current.ProjectId, null, null)) throw new ForbiddenException("无权修改该口径", "You may not edit this script");
            current.IsCurrent = false;
            var next = new ReplyScript
            {
                CompanyId = current.CompanyId, ProjectId = current.ProjectId, ScriptId = current.ScriptId, VersionNo = current.VersionNo + 1, IsCurrent = true,
                Category = body.Category!.Value, Question = body.Question!.Trim(), Answer = body.Answer!.Trim(), EditedByName = await NameAsync(db, ct), ChangeNote = body.ChangeNote?.Trim(),
            };
            db.Add(next);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(await ComplaintQueries.Scripts(db.Set<ReplyScript>().AsNoTracking().Where(x => x.Id == next.Id)).FirstAsync(ct));
        }).RequireRoles(Editors).WithSummary("Edit a script: makes a new version, the old one stays in its history");
    }

    /// <summary>The company a new script belongs to: the project's, or the caller's own company for a company-wide one.</summary>
    private static async Task<Guid?> CompanyAsync(WuyeDb db, Guid? projectId, CancellationToken ct)
    {
        if (projectId is { } p)
            return await db.ProjectRefs().Where(x => x.Id == p).Select(x => (Guid?)x.CompanyId).FirstOrDefaultAsync(ct) is { } c && db.Scope.CanWrite(c, p, null, null) ? c : null;
        return db.Scope.FullCompanies.Length == 1 ? db.Scope.FullCompanies[0]
            : throw ComplaintService.Invalid("projectId", "请选择项目（只有公司管理层可以添加全公司通用的口径）", "Choose a project (only company management adds company-wide scripts)");
    }

    private static async Task<string?> NameAsync(WuyeDb db, CancellationToken ct)
    {
        var id = db.Scope.UserId;
        return await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName ?? u.UserName).FirstOrDefaultAsync(ct);
    }
}
