using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Seed;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features;

/// <summary>A person as lists show them: phone and ID number masked for everyone; the full values come only through a reveal.</summary>
public sealed record PersonDto(Guid Id, Guid? ProjectId, string Name, string? Phone, string? IdNumber, DateOnly? Birthday, string Homes, bool Archived, uint Version);

public sealed record PersonalData(Guid PersonId, string Name, string? Phone, string? IdNumber);

public sealed record PersonalDataAccessDto(Guid Id, Guid PersonId, string? UserName, string Purpose, DateTimeOffset At);

public sealed record RevealInput(string? Purpose) : IValidatable
{
    public void Validate(Validator v) => v.Required("purpose", Purpose, "查看原因", "Purpose").MaxLength("purpose", Purpose, 200, "查看原因", "Purpose");
}

public sealed record PersonInput(Guid? ProjectId, string? Name, string? Phone, string? IdNumber, DateOnly? Birthday, uint? Version) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("name", Name, "姓名", "Name").MaxLength("name", Name, 50, "姓名", "Name").Phone("phone", Phone);
        if (!string.IsNullOrWhiteSpace(IdNumber) && !IdNumbers.IsValid(IdNumber.Trim().ToUpperInvariant()))
            v.Add("idNumber", "身份证号无效（应为 18 位，且校验位正确）", "Not a valid ID number (18 characters with a correct check digit)");
    }
}

public sealed record OccupancyInput(Guid? UnitId, OccupantRelation? Relation, string? Kinship, DateOnly? Since, DateOnly? Until) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("unitId", UnitId, "房屋", "Unit").Required("relation", Relation, "身份", "Relation").MaxLength("kinship", Kinship, 20, "与业主关系", "Kinship");
        if (Since is { } s && Until is { } u && u < s) v.Add("until", "迁出日期早于入住日期", "Until is before since");
    }
}

/// <summary>A change to a person's link to a unit: the relation, the kinship of a family member, the dates (a tenant's lease).</summary>
public sealed record OccupancyEditInput(OccupantRelation? Relation, string? Kinship, DateOnly? Since, DateOnly? Until, uint? Version) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("relation", Relation, "身份", "Relation").MaxLength("kinship", Kinship, 20, "与业主关系", "Kinship");
        if (Since is { } s && Until is { } u && u < s) v.Add("until", "迁出日期早于入住日期", "Until is before since");
    }
}

/// <summary>Ends a link on <see cref="Until"/>, the last day it holds (a lease's end date, the day of moving out).</summary>
public sealed record OccupancyEndInput(DateOnly? Until) : IValidatable
{
    public void Validate(Validator v) => v.Required("until", Until, "结束日期", "End date");
}

/// <summary>/api/v1/people: owners, family members and tenants, and their link to units.</summary>
internal static class PeopleEndpoints
{
    /// <summary>Roles whose work needs a resident's full phone or ID number (calling back, registering, verifying).</summary>
    public static readonly string[] MayReveal = [Roles.CompanyManager, Roles.ProjectManager, Roles.CustomerService, Roles.Steward];
    /// <summary>Who registers people and their links to units.</summary>
    public static readonly string[] Editors = [Roles.CompanyManager, Roles.ProjectManager, Roles.CustomerService];

    public static IQueryable<Person> Filter(WuyeDb db, Guid? projectId, Guid? unitId, OccupantRelation? relation, string? q, bool? archived)
    {
        var query = db.People().AsNoTracking().Where(p => (p.ArchivedAt != null) == (archived ?? false));
        if (projectId is { } pid) query = query.Where(p => p.ProjectId == pid);
        if (unitId is { } uid) query = query.Where(p => db.UnitOccupants().Any(o => o.PersonId == p.Id && o.UnitId == uid));
        if (relation is { } r) query = query.Where(p => db.UnitOccupants().Any(o => o.PersonId == p.Id && o.Relation == r));
        if (!string.IsNullOrWhiteSpace(q))
        {
            // Search by name, or by the last four digits of a phone number (what a caller reads out,
            // and what the masked list shows). Longer suffixes would let anyone unmask a number
            // digit by digit without the audited reveal.
            var t = q.Trim();
            var lastFour = t.Length == 4 && t.All(char.IsAsciiDigit);
            query = query.Where(p => p.Name.Contains(t) || (lastFour && p.Phone != null && p.Phone.EndsWith(t)));
        }
        return query.OrderBy(p => p.Name).ThenBy(p => p.Id);
    }

    public static IQueryable<PersonDto> Project(WuyeDb db, IQueryable<Person> q) =>
        q.Select(p => new PersonDto(p.Id, p.ProjectId, p.Name, p.Phone, p.IdNumber, p.Birthday, "", p.ArchivedAt != null, p.Version));

    /// <summary>Fills in each person's homes ("1幢 101 业主") with one more query for the whole page.</summary>
    public static async Task<List<PersonDto>> WithHomesAsync(WuyeDb db, IReadOnlyList<PersonDto> people, CancellationToken ct)
    {
        var ids = people.Select(p => p.Id).ToArray();
        var homes = await (from o in db.UnitOccupants()
                           join u in db.Units() on o.UnitId equals u.Id
                           join b in db.Buildings() on u.BuildingId equals b.Id
                           where ids.Contains(o.PersonId)
                           orderby b.Name, u.Number
                           select new { o.PersonId, b.Name, u.Number, o.Relation }).ToListAsync(ct);
        var byPerson = homes.ToLookup(h => h.PersonId, h => $"{h.Name} {h.Number} {Import.ImportSchema.RelationName(h.Relation)}");
        return [.. people.Select(p => p with { Homes = string.Join(Loc.T("、", "; "), byPerson[p.Id]) })];
    }

    /// <summary>Masks after the query: the database holds the real values, every caller gets the masked ones.</summary>
    public static PersonDto Masked(PersonDto p) => p with { Phone = Mask.Phone(p.Phone), IdNumber = Mask.IdNumber(p.IdNumber) };

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/people").WithTags("People");

        g.MapGet("/", async (WuyeDb db, Guid? projectId, Guid? unitId, OccupantRelation? relation, string? q, bool? archived, int? page, int? pageSize, CancellationToken ct) =>
        {
            var paged = await Project(db, Filter(db, projectId, unitId, relation, q, archived)).ToPagedAsync(page, pageSize, ct);
            return TypedResults.Ok(paged with { Items = [.. (await WithHomesAsync(db, paged.Items, ct)).Select(Masked)] });
        }).WithSummary("Owners, family members and tenants the user may see; phone and ID number masked");

        g.MapGet("/export", (WuyeDb db, Guid? projectId, Guid? unitId, OccupantRelation? relation, string? q, bool? archived, string? format, CancellationToken ct) =>
            Api.ExportAsync(Project(db, Filter(db, projectId, unitId, relation, q, archived)), format, "住户", "people",
                [Loc.T("姓名", "Name"), Loc.T("房屋", "Units"), Loc.T("手机", "Phone"), Loc.T("身份证号", "ID number"), Loc.T("生日", "Birthday")],
                p => [p.Name, p.Homes, Mask.Phone(p.Phone), Mask.IdNumber(p.IdNumber), TableFile.Date(p.Birthday)], ct,
                rows => WithHomesAsync(db, rows, ct)))
            .WithSummary("The filtered list as .xlsx or .csv, masked as on screen");

        g.MapGet("/{id:guid}", async Task<Results<Ok<PersonDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await Project(db, db.People().AsNoTracking().Where(p => p.Id == id)).FirstOrDefaultAsync(ct) is { } p
                ? TypedResults.Ok(Masked((await WithHomesAsync(db, [p], ct))[0])) : TypedResults.NotFound())
            .WithSummary("One person, masked");

        g.MapPost("/{id:guid}/reveal", async Task<IResult> (WuyeDb db, Guid id, RevealInput body, CancellationToken ct) =>
        {
            var (data, refusal) = await RevealAsync(db, id, body.Purpose!, ct);
            if (refusal is { } r) return Api.Forbidden(r);
            return data is null ? TypedResults.NotFound() : TypedResults.Ok(data);
        }).RequireRoles(MayReveal).WithSummary("The full phone and ID number of a person, for a stated purpose; every reveal is recorded");

        g.MapGet("/{id:guid}/reveals", async Task<Results<Ok<List<PersonalDataAccessDto>>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
        {
            if (!await db.People().AnyAsync(p => p.Id == id, ct)) return TypedResults.NotFound();
            return TypedResults.Ok(await db.Set<PersonalDataAccess>().AsNoTracking().Where(a => a.PersonId == id).OrderByDescending(a => a.CreatedAt)
                .Select(a => new PersonalDataAccessDto(a.Id, a.PersonId, a.UserName, a.Purpose, a.CreatedAt)).Take(200).ToListAsync(ct));
        }).RequireRoles(Roles.CompanyManager, Roles.ProjectManager).WithSummary("Who looked at this person's full phone or ID number, and why");

        g.MapPost("/", async Task<Created<PersonDto>> (WuyeDb db, PersonInput body, CancellationToken ct) =>
        {
            var project = await Api.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
            var person = new Person { CompanyId = project.CompanyId, ProjectId = project.Id, Name = body.Name!.Trim() };
            Apply(person, body);
            db.People().Add(person);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/people/{person.Id}", Masked(await Project(db, db.People().AsNoTracking().Where(p => p.Id == person.Id)).FirstAsync(ct)));
        }).RequireRoles(Editors).WithSummary("Register a person (then link them to units)");

        g.MapPut("/{id:guid}", async Task<Results<Ok<PersonDto>, NotFound>> (WuyeDb db, Guid id, PersonInput body, CancellationToken ct) =>
        {
            var person = await db.People().FirstOrDefaultAsync(p => p.Id == id, ct);
            if (person is null) return TypedResults.NotFound();
            Api.CheckVersion(person, body.Version);
            person.Name = body.Name!.Trim();
            Apply(person, body);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(Masked(await Project(db, db.People().AsNoTracking().Where(p => p.Id == id)).FirstAsync(ct)));
        }).RequireRoles(Editors).WithSummary("Edit a person");

        g.MapPost("/{id:guid}/units", async Task<Results<Created<OccupantDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, OccupancyInput body, CancellationToken ct) =>
        {
            var person = await db.People().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
            if (person is null) return TypedResults.NotFound();
            var unit = await Api.ParentAsync(db.Units(), body.UnitId, "unitId", "房屋", "Unit", ct);
            if (unit.CompanyId != person.CompanyId) throw Api.Invalid("unitId", "房屋与住户不属于同一家物业公司", "The unit and the person belong to different companies");
            var today = ChinaTime.Today(clock);
            var occupant = await db.UnitOccupants().FirstOrDefaultAsync(o => o.UnitId == unit.Id && o.PersonId == id && o.Relation == body.Relation, ct);
            if (occupant is { } current && (current.Until is null || current.Until >= today))
                throw new RuleException("occupant.duplicate", "此人已以该身份登记在这套房屋", "This person is already linked to the unit with that relation");
            if (occupant is null)
            {
                occupant = new UnitOccupant { CompanyId = unit.CompanyId, ProjectId = unit.ProjectId, ZoneId = unit.ZoneId, UnitId = unit.Id, PersonId = id, Relation = body.Relation!.Value };
                db.UnitOccupants().Add(occupant);
            }
            // An ended link of the same relation comes back with the new dates: the import matches links by
            // unit, person and relation, so there is one row per triple; the earlier period stays in its change history.
            occupant.Kinship = body.Kinship?.Trim();
            occupant.Since = body.Since;
            occupant.Until = body.Until;
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/units/{unit.Id}/occupants", Dto(occupant, person.Name, person.Phone));
        }).RequireRoles(Editors).WithSummary("Link a person to a unit as owner, family member or tenant (an ended link of the same relation comes back with the new dates)");

        g.MapGet("/{id:guid}/units", async Task<Results<Ok<List<OccupantDto>>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
        {
            var person = await db.People().AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Name, p.Phone }).FirstOrDefaultAsync(ct);
            if (person is null) return TypedResults.NotFound();
            var links = await db.UnitOccupants().AsNoTracking().Where(o => o.PersonId == id).OrderBy(o => o.Until != null).ThenByDescending(o => o.Until).ThenBy(o => o.Relation).ToListAsync(ct);
            return TypedResults.Ok(links.Select(o => Dto(o, person.Name, person.Phone)).ToList());
        }).WithSummary("A person's links to units, ended ones included (their history)");

        g.MapPut("/{id:guid}/units/{linkId:guid}", async Task<Results<Ok<OccupantDto>, NotFound>> (WuyeDb db, Guid id, Guid linkId, OccupancyEditInput body, CancellationToken ct) =>
        {
            var (link, person) = await LinkAsync(db, id, linkId, ct);
            if (link is null) return TypedResults.NotFound();
            Api.CheckVersion(link, body.Version);
            if (body.Relation != link.Relation
                && await db.UnitOccupants().AnyAsync(o => o.Id != linkId && o.UnitId == link.UnitId && o.PersonId == id && o.Relation == body.Relation, ct))
                throw new RuleException("occupant.duplicate", "此人在这套房屋已有该身份的登记（含已结束的），请修改那一条", "This person already has a link of that relation to the unit (maybe ended); change that one");
            link.Relation = body.Relation!.Value;
            link.Kinship = link.Relation == OccupantRelation.Family && !string.IsNullOrWhiteSpace(body.Kinship) ? body.Kinship.Trim() : null;
            link.Since = body.Since;
            link.Until = body.Until;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(Dto(link, person!.Name, person.Phone));
        }).RequireRoles(Editors).WithSummary("Edit a link: relation, kinship (family), since/until (a tenant's lease); optional version for optimistic concurrency");

        g.MapPost("/{id:guid}/units/{linkId:guid}/end", async Task<Results<Ok<OccupantDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, Guid linkId, OccupancyEndInput body, CancellationToken ct) =>
        {
            var (link, person) = await LinkAsync(db, id, linkId, ct);
            if (link is null) return TypedResults.NotFound();
            var today = ChinaTime.Today(clock);
            if (link.Until is { } ended && ended < today)
                throw new RuleException("occupant.ended", $"该关系已于 {ended:yyyy-MM-dd} 结束", $"This link already ended on {ended:yyyy-MM-dd}");
            if (link.Since is { } since && body.Until < since)
                throw Api.Invalid("until", $"结束日期不能早于开始日期 {since:yyyy-MM-dd}", $"The end date cannot be before the start ({since:yyyy-MM-dd})");
            link.Until = body.Until;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(Dto(link, person!.Name, person.Phone));
        }).RequireRoles(Editors).WithSummary("End a link on its last day (kept as history, never deleted): an owner whose link has ended no longer sees the unit");

        g.MapArchive<Person>("person", Editors);
    }

    /// <summary>
    /// The full values, after recording who looked and why (in the same save: no record, no
    /// reveal). The record carries the zone of the person's home, so the write check confines a
    /// steward to the residents of their own zone. Null data and no refusal: not found.
    /// </summary>
    public static async Task<(PersonalData? Data, Text? Refusal)> RevealAsync(WuyeDb db, Guid id, string purpose, CancellationToken ct)
    {
        var scope = db.Scope;
        if (!scope.IsGlobal && !MayReveal.Any(scope.Roles.Contains))
            return (null, new("您的角色不能查看完整的手机号和身份证号", "Your role may not see full phone and ID numbers"));
        var person = await db.People().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return (null, null);
        var zone = await db.UnitOccupants().Where(o => o.PersonId == id).OrderBy(o => o.Relation).Select(o => o.ZoneId).FirstOrDefaultAsync(ct);
        if (!scope.CanWrite(person.CompanyId, person.ProjectId, zone, null))
            return (null, new("只能查看自己负责范围内住户的完整信息", "You may see full details only of residents in your own area"));
        db.Add(new PersonalDataAccess
        {
            CompanyId = person.CompanyId, ProjectId = person.ProjectId, ZoneId = zone, PersonId = id,
            UserId = scope.UserId, UserName = scope.UserName, Purpose = purpose.Trim(),
        });
        await db.SaveChangesAsync(ct);
        return (new PersonalData(id, person.Name, person.Phone, person.IdNumber), null);
    }

    private sealed record PersonName(string Name, string? Phone);

    /// <summary>The link, tracked, when both it and the person are the caller's to see.</summary>
    private static async Task<(UnitOccupant? Link, PersonName? Person)> LinkAsync(WuyeDb db, Guid personId, Guid linkId, CancellationToken ct)
    {
        var person = await db.People().AsNoTracking().Where(p => p.Id == personId).Select(p => new PersonName(p.Name, p.Phone)).FirstOrDefaultAsync(ct);
        if (person is null) return (null, null);
        return (await db.UnitOccupants().FirstOrDefaultAsync(o => o.Id == linkId && o.PersonId == personId, ct), person);
    }

    private static OccupantDto Dto(UnitOccupant o, string name, string? phone) =>
        new(o.Id, o.UnitId, o.PersonId, name, Mask.Phone(phone), o.Relation, o.Kinship, o.Since, o.Until, o.Version);

    private static void Apply(Person person, PersonInput body)
    {
        // Absent keeps the stored value, empty clears it: an edit form never shows the full
        // numbers, so it sends them only when someone types new ones.
        if (body.Phone is not null) person.Phone = string.IsNullOrWhiteSpace(body.Phone) ? null : body.Phone.Trim();
        if (body.IdNumber is not null) person.IdNumber = string.IsNullOrWhiteSpace(body.IdNumber) ? null : body.IdNumber.Trim().ToUpperInvariant();
        person.Birthday = body.Birthday ?? (person.IdNumber is null ? null : IdNumbers.Birthday(person.IdNumber));
    }
}
