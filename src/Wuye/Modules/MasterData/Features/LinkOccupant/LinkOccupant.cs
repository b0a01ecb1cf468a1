using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;
using PeopleFeature = Wuye.Modules.MasterData.Features.People.People;

namespace Wuye.Modules.MasterData.Features.LinkOccupant;

internal sealed record OccupancyInput(Guid? UnitId, OccupantRelation? Relation, string? Kinship, DateOnly? Since, DateOnly? Until)
    : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("unitId", UnitId, "房屋", "Unit")
            .Required("relation", Relation, "身份", "Relation")
            .MaxLength("kinship", Kinship, 20, "与业主关系", "Kinship");
        if (Since is { } s && Until is { } u && u < s)
            v.Add("until", "迁出日期早于入住日期", "Until is before since");
    }
}

/// <summary>A change to a person's link to a unit: the relation, the kinship of a family member, the dates (a tenant's lease).</summary>
internal sealed record OccupancyEditInput(OccupantRelation? Relation, string? Kinship, DateOnly? Since, DateOnly? Until, uint? Version)
    : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("relation", Relation, "身份", "Relation").MaxLength("kinship", Kinship, 20, "与业主关系", "Kinship");
        if (Since is { } s && Until is { } u && u < s)
            v.Add("until", "迁出日期早于入住日期", "Until is before since");
    }
}

/// <summary>/api/v1/people/{id}/units: link a person to a unit as owner, family member or tenant; list and change the links.</summary>
internal static class LinkOccupant
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/people").WithTags("People");

        g.MapPost(
                "/{id:guid}/units",
                async Task<Results<Created<OccupantDto>, NotFound>> (
                    WuyeDb db,
                    TimeProvider clock,
                    Guid id,
                    OccupancyInput body,
                    CancellationToken ct
                ) =>
                {
                    var person = await db.People().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
                    if (person is null)
                        return TypedResults.NotFound();
                    var unit = await Registers.ParentAsync(db.Units(), body.UnitId, "unitId", "房屋", "Unit", ct);
                    if (unit.CompanyId != person.CompanyId)
                        throw ValidationException.For(
                            "unitId",
                            "房屋与住户不属于同一家物业公司",
                            "The unit and the person belong to different companies"
                        );
                    var existing = await db.UnitOccupants()
                        .FirstOrDefaultAsync(o => o.UnitId == unit.Id && o.PersonId == id && o.Relation == body.Relation, ct);
                    var link = UnitOccupant.Link(
                        existing,
                        unit,
                        id,
                        body.Relation!.Value,
                        body.Kinship,
                        body.Since,
                        body.Until,
                        ChinaTime.Today(clock)
                    );
                    if (existing is null)
                        db.UnitOccupants().Add(link);
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Created($"/api/v1/units/{unit.Id}/occupants", OccupantDto.Of(link, person.Name, person.Phone));
                }
            )
            .RequireRoles(PeopleFeature.Editors)
            .WithSummary(
                "Link a person to a unit as owner, family member or tenant (an ended link of the same relation comes back with the new "
                    + "dates)"
            );

        g.MapGet("/{id:guid}/units", async Task<Results<Ok<List<OccupantDto>>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            {
                var person = await db.People()
                    .AsNoTracking()
                    .Where(p => p.Id == id)
                    .Select(p => new { p.Name, p.Phone })
                    .FirstOrDefaultAsync(ct);
                if (person is null)
                    return TypedResults.NotFound();
                var links = await db.UnitOccupants()
                    .AsNoTracking()
                    .Where(o => o.PersonId == id)
                    .OrderBy(o => o.Until != null)
                    .ThenByDescending(o => o.Until)
                    .ThenBy(o => o.Relation)
                    .ToListAsync(ct);
                return TypedResults.Ok(links.Select(o => OccupantDto.Of(o, person.Name, person.Phone)).ToList());
            })
            .WithSummary("A person's links to units, ended ones included (their history)");

        g.MapPut(
                "/{id:guid}/units/{linkId:guid}",
                async Task<Results<Ok<OccupantDto>, NotFound>> (
                    WuyeDb db,
                    Guid id,
                    Guid linkId,
                    OccupancyEditInput body,
                    CancellationToken ct
                ) =>
                {
                    var (link, person) = await FindAsync(db, id, linkId, ct);
                    if (link is null)
                        return TypedResults.NotFound();
                    link.CheckVersion(body.Version);
                    if (
                        body.Relation != link.Relation
                        && await db.UnitOccupants()
                            .AnyAsync(o => o.Id != linkId && o.UnitId == link.UnitId && o.PersonId == id && o.Relation == body.Relation, ct)
                    )
                        throw new RuleException(
                            "occupant.duplicate",
                            "此人在这套房屋已有该身份的登记（含已结束的），请修改那一条",
                            "This person already has a link of that relation to the unit (maybe ended); change that one"
                        );
                    link.Change(body.Relation!.Value, body.Kinship, body.Since, body.Until);
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Ok(OccupantDto.Of(link, person!.Name, person.Phone));
                }
            )
            .RequireRoles(PeopleFeature.Editors)
            .WithSummary(
                "Edit a link: relation, kinship (family), since/until (a tenant's lease); optional version for optimistic concurrency"
            );
    }

    internal sealed record PersonName(string Name, string? Phone);

    /// <summary>The link, tracked, when both it and the person are the caller's to see.</summary>
    internal static async Task<(UnitOccupant? Link, PersonName? Person)> FindAsync(
        WuyeDb db,
        Guid personId,
        Guid linkId,
        CancellationToken ct
    )
    {
        var person = await db.People()
            .AsNoTracking()
            .Where(p => p.Id == personId)
            .Select(p => new PersonName(p.Name, p.Phone))
            .FirstOrDefaultAsync(ct);
        if (person is null)
            return (null, null);
        return (await db.UnitOccupants().FirstOrDefaultAsync(o => o.Id == linkId && o.PersonId == personId, ct), person);
    }
}
