using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.RegisterCommittee;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.RenewCommitteeTerm;

internal sealed record RenewTermInput(DateOnly? TermStart, DateOnly? TermEnd, CommitteeMemberInput[]? Members) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("termStart", TermStart, "任期开始", "Term start").Required("termEnd", TermEnd, "任期结束", "Term end");
        foreach (var (m, i) in (Members ?? []).Select((m, i) => (m, i)))
            v.Required($"members[{i}].name", m.Name, "成员姓名", "Member's name")
                .MaxLength($"members[{i}].name", m.Name, 50, "成员姓名", "Member's name")
                .Required($"members[{i}].position", m.Position, "职务", "Position")
                .MaxLength($"members[{i}].unit", m.Unit, 50, "房号", "Unit")
                .Phone($"members[{i}].phone", m.Phone);
    }
}

/// <summary>换届: the regulator files the committee's next term, with its newly elected members when they changed.</summary>
internal sealed class RenewCommitteeTermHandler(WuyeDb db)
{
    public async Task RenewAsync(Guid id, RenewTermInput body, CancellationToken ct)
    {
        var committee = await db.Set<OwnersCommittee>().Include(c => c.Members).FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new NotFoundException("owners committee");
        committee.Renew(body.TermStart!.Value, body.TermEnd!.Value);
        if (body.Members is { Length: > 0 } members)
        {
            db.RemoveRange(committee.Members);
            committee.SetMembers(members.Select(m => (m.Name!, m.Position!.Value, m.Unit, m.Phone)));
            db.AddRange(committee.Members);
        }
        await db.SaveChangesAsync(ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/owners-committees/{id:guid}/terms",
                async (RenewCommitteeTermHandler handler, CommitteeReads reads, Guid id, RenewTermInput body, CancellationToken ct) =>
                {
                    await handler.RenewAsync(id, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary("File the committee's next term (换届), with its new members when they changed");
    }
}
