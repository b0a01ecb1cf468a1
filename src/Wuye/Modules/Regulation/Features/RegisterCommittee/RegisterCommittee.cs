using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.RegisterCommittee;

internal sealed record CommitteeMemberInput(string? Name, CommitteePosition? Position, string? Unit, string? Phone);

internal sealed record RegisterCommitteeInput(
    Guid? ProjectId,
    string? Name,
    Guid[]? ProjectIds,
    int? TermNo,
    DateOnly? TermStart,
    DateOnly? TermEnd,
    CommitteeMemberInput[]? Members
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("name", Name, "名称", "Name")
            .MaxLength("name", Name, 100, "名称", "Name")
            .Required("termStart", TermStart, "任期开始", "Term start")
            .Required("termEnd", TermEnd, "任期结束", "Term end")
            .Range("termNo", TermNo, 1, 99, "届次", "Term number");
        if (Members is null || Members.Length == 0)
            v.Add("members", "请登记成员", "Members are required");
        else if (Members.Length > 21)
            v.Add("members", "成员不超过 21 人", "At most 21 members");
        foreach (var (m, i) in (Members ?? []).Select((m, i) => (m, i)))
            v.Required($"members[{i}].name", m.Name, "成员姓名", "Member's name")
                .MaxLength($"members[{i}].name", m.Name, 50, "成员姓名", "Member's name")
                .Required($"members[{i}].position", m.Position, "职务", "Position")
                .MaxLength($"members[{i}].unit", m.Unit, 50, "房号", "Unit")
                .Phone($"members[{i}].phone", m.Phone);
    }
}

/// <summary>The regulator files an owners' committee (备案) for a project of a company it oversees, with its term and members.</summary>
internal sealed class RegisterCommitteeHandler(WuyeDb db)
{
    public async Task<OwnersCommittee> RegisterAsync(Guid regulatorId, RegisterCommitteeInput body, CancellationToken ct)
    {
        var ids = (body.ProjectIds ?? []).Append(body.ProjectId!.Value).Distinct().ToList();
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.ArchivedAt == null)
            .Join(
                db.CompanyRefs().Where(c => c.RegulatorId == regulatorId),
                p => p.CompanyId,
                c => c.Id,
                (p, c) => new { p.Id, p.CompanyId }
            )
            .ToListAsync(ct);
        var main = projects.FirstOrDefault(p => p.Id == body.ProjectId)
            ?? throw ValidationException.For("projectId", "该项目不在本部门监管范围内", "The project is not overseen by this regulator");
        if (projects.Count != ids.Count || projects.Any(p => p.CompanyId != main.CompanyId))
            throw ValidationException.For(
                "projectIds",
                "监督的项目须属于同一企业且在本部门监管范围内",
                "The projects must be of one overseen company"
            );
        var taken = await db.Set<OwnersCommittee>().AsNoTracking().Where(c => c.ProjectIds.Any(p => ids.Contains(p))).AnyAsync(ct);
        if (taken)
            throw new RuleException(
                "committee.project_taken",
                "该项目已有业主委员会",
                "A committee already oversees one of these projects"
            );
        var committee = OwnersCommittee.Create(
            regulatorId,
            main.CompanyId,
            main.Id,
            body.Name!,
            ids,
            body.TermNo ?? 1,
            body.TermStart!.Value,
            body.TermEnd!.Value,
            body.Members!.Select(m => (m.Name!, m.Position!.Value, m.Unit, m.Phone))
        );
        db.Add(committee);
        await db.SaveChangesAsync(ct);
        return committee;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/owners-committees",
                async Task<Created<CommitteeDto>> (
                    WuyeDb db,
                    RegisterCommitteeHandler handler,
                    CommitteeReads reads,
                    RegisterCommitteeInput body,
                    Guid? regulatorId,
                    CancellationToken ct
                ) =>
                {
                    var committee = await handler.RegisterAsync(RegulatorTables.RegulatorOf(db, regulatorId), body, ct);
                    return TypedResults.Created($"/api/v1/owners-committees/{committee.Id}", await reads.OneAsync(committee.Id, ct));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary("File an owners' committee with its projects, term and members");
    }
}
