using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.People;

/// <summary>A person as lists show them: phone and ID number masked for everyone; the full values come only through a reveal.</summary>
internal sealed record PersonDto(
    Guid Id,
    Guid? ProjectId,
    string Name,
    string? Phone,
    string? IdNumber,
    DateOnly? Birthday,
    string Homes,
    bool Archived,
    uint Version
);

internal sealed record PersonInput(Guid? ProjectId, string? Name, string? Phone, string? IdNumber, DateOnly? Birthday, uint? Version)
    : IValidatable,
        IVersioned
{
    public void Validate(Validator v)
    {
        v.Required("name", Name, "姓名", "Name").MaxLength("name", Name, 50, "姓名", "Name").Phone("phone", Phone);
        if (!string.IsNullOrWhiteSpace(IdNumber) && !IdNumbers.IsValid(IdNumber.Trim().ToUpperInvariant()))
            v.Add(
                "idNumber",
                "身份证号无效（应为 18 位，且校验位正确）",
                "Not a valid ID number (18 characters with a correct check digit)"
            );
    }
}

/// <summary>/api/v1/people: owners, family members and tenants (their links to units: LinkOccupant, EndOccupancy).</summary>
internal static class People
{
    /// <summary>Who registers people and their links to units.</summary>
    public static readonly string[] Editors = [Roles.CompanyManager, Roles.ProjectManager, Roles.CustomerService];

    public static IQueryable<Person> Filter(WuyeDb db, Guid? projectId, Guid? unitId, OccupantRelation? relation, string? q, bool? archived)
    {
        var query = db.People().AsNoTracking().Where(p => (p.ArchivedAt != null) == (archived ?? false));
        if (projectId is { } pid)
            query = query.Where(p => p.ProjectId == pid);
        if (unitId is { } uid)
            query = query.Where(p => db.UnitOccupants().Any(o => o.PersonId == p.Id && o.UnitId == uid));
        if (relation is { } r)
            query = query.Where(p => db.UnitOccupants().Any(o => o.PersonId == p.Id && o.Relation == r));
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

    public static IQueryable<PersonDto> Dto(WuyeDb db, IQueryable<Person> q) =>
        q.Select(p => new PersonDto(p.Id, p.ProjectId, p.Name, p.Phone, p.IdNumber, p.Birthday, "", p.ArchivedAt != null, p.Version));

    /// <summary>Fills in each person's homes ("1幢 101 业主") with one more query for the whole page.</summary>
    public static async Task<List<PersonDto>> WithHomesAsync(WuyeDb db, IReadOnlyList<PersonDto> people, CancellationToken ct)
    {
        var ids = people.Select(p => p.Id).ToArray();
        var homes = await (
            from o in db.UnitOccupants()
            join u in db.Units() on o.UnitId equals u.Id
            join b in db.Buildings() on u.BuildingId equals b.Id
            where ids.Contains(o.PersonId)
            orderby b.Name, u.Number
            select new
            {
                o.PersonId,
                b.Name,
                u.Number,
                o.Relation,
            }
        ).ToListAsync(ct);
        var byPerson = homes.ToLookup(h => h.PersonId, h => $"{h.Name} {h.Number} {Names.Relation(h.Relation)}");
        return [.. people.Select(p => p with { Homes = string.Join(Loc.T("、", "; "), byPerson[p.Id]) })];
    }

    /// <summary>Masks after the query: the database holds the real values, every caller gets the masked ones.</summary>
    public static PersonDto Masked(PersonDto p) => p with { Phone = Mask.Phone(p.Phone), IdNumber = Mask.IdNumber(p.IdNumber) };

    private static Task<PersonDto?> FindAsync(WuyeDb db, Guid id, CancellationToken ct) =>
        Dto(db, db.People().AsNoTracking().Where(p => p.Id == id)).FirstOrDefaultAsync(ct);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/people").WithTags("People");
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    Guid? projectId,
                    Guid? unitId,
                    OccupantRelation? relation,
                    string? q,
                    bool? archived,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var paged = await Dto(db, Filter(db, projectId, unitId, relation, q, archived)).ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(paged with { Items = [.. (await WithHomesAsync(db, paged.Items, ct)).Select(Masked)] });
                }
            )
            .WithSummary("Owners, family members and tenants the user may see; phone and ID number masked");
        g.MapGet(
                "/export",
                (
                    WuyeDb db,
                    Guid? projectId,
                    Guid? unitId,
                    OccupantRelation? relation,
                    string? q,
                    bool? archived,
                    string? format,
                    CancellationToken ct
                ) =>
                    Registers.ExportAsync(
                        Dto(db, Filter(db, projectId, unitId, relation, q, archived)),
                        format,
                        "住户",
                        "people",
                        [
                            new("姓名", "Name", p => p.Name),
                            new("房屋", "Units", p => p.Homes),
                            new("手机", "Phone", p => Mask.Phone(p.Phone)),
                            new("身份证号", "ID number", p => Mask.IdNumber(p.IdNumber)),
                            new("生日", "Birthday", p => TableFile.Date(p.Birthday)),
                        ],
                        ct,
                        rows => WithHomesAsync(db, rows, ct)
                    )
            )
            .WithSummary("The filtered list as .xlsx or .csv, masked as on screen");
        g.MapOne(FindAsync, "One person, masked", async (db, p, ct) => Masked((await WithHomesAsync(db, [p], ct))[0]));
        g.MapCreate(
            "people",
            async (WuyeDb db, PersonInput body, CancellationToken ct) =>
            {
                var project = await Registers.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
                var person = new Person
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    Name = body.Name!.Trim(),
                };
                person.SetPersonalData(body.Phone, body.IdNumber, body.Birthday);
                return person;
            },
            FindAsync,
            "Register a person (then link them to units)",
            Editors,
            Masked
        );
        g.MapEdit(
            (WuyeDb db, Person person, PersonInput body, CancellationToken ct) =>
            {
                person.Name = body.Name!.Trim();
                person.SetPersonalData(body.Phone, body.IdNumber, body.Birthday);
                return Task.CompletedTask;
            },
            FindAsync,
            "Edit a person",
            Editors,
            Masked
        );
        g.MapArchive<Person>("person", Editors);
    }
}
