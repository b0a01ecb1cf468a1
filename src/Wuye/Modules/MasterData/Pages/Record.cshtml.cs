using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Pages;
using Wuye.Platform.Database;

namespace Wuye.Modules.MasterData.Pages;

/// <summary>
/// One master record (or a new one): its form, its related rows and its history. The form
/// sends JSON to the kind's API resource (wwwroot/js/record-form.js), so every rule and field
/// error comes from the same code as for API clients.
/// </summary>
internal sealed class RecordModel(WuyeDb db, TimeProvider clock) : PageModel
{
    public RecordKind Kind { get; private set; } = null!;
    public Guid? RecordId { get; private set; }
    public JsonElement? Row { get; private set; }
    public bool IsNew => RecordId is null;

    /// <summary>For a new record: the project or company it will hang under, picked first so the form's choices can follow it.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? CompanyId { get; set; }
    public List<Option> Parents { get; private set; } = [];
    public Dictionary<string, List<Option>> Options { get; } = [];
    public RelatedTable? Related { get; private set; }

    /// <summary>A person's links to units, with their edit and end forms.</summary>
    public OccupantLinks? Links { get; private set; }
    public bool MayEdit { get; private set; }
    public bool Archived => Row is { } r && RecordKinds.Str(r, "archived") == "true";
    public Guid? ParentId => Kind.Parent == ParentLevel.Company ? CompanyId : ProjectId;

    private string Self => $"/master-data/records/{Kind.Key}/{RecordId}";

    public RecordForm CreateForm() =>
        new(
            $"/api/v1/{Kind.Resource}",
            "POST",
            $"/master-data/records/{Kind.Key}/{{id}}?saved=1",
            Kind.Fields,
            null,
            Options,
            new Dictionary<string, string> { [Kind.ParentField] = ParentId.ToString()! },
            false,
            Platform.Web.Loc.T("创建", "Create"),
            "record-form"
        );

    public RecordForm EditForm() =>
        new(
            $"/api/v1/{Kind.Resource}/{RecordId}",
            "PUT",
            Self + "?saved=1",
            Kind.Fields,
            Row,
            Options,
            new Dictionary<string, string> { ["version"] = RecordKinds.Str(Row!.Value, "version") },
            !MayEdit || Archived,
            Platform.Web.Loc.T("保存", "Save"),
            "record-form"
        );

    public RecordForm SubFormModel(SubForm sub) =>
        new(
            $"/api/v1/{Kind.Resource}/{RecordId}/{sub.Path}",
            "POST",
            Self + "?saved=1",
            sub.Fields,
            null,
            Options,
            new Dictionary<string, string>(),
            false,
            sub.Label,
            "sub-form",
            sub.Reveal
        );

    public async Task<IActionResult> OnGetAsync(string kind, string id, CancellationToken ct)
    {
        if (RecordKinds.Find(kind) is not { } k)
            return NotFound();
        Kind = k;
        FormContext context;
        if (id == "new")
        {
            if (!k.MayCreate(db.Scope))
                return Forbid();
            MayEdit = true;
            if (k.Parent == ParentLevel.Company)
            {
                Parents = await RecordKinds.CompanyOptions(db, new(null, null), ct);
                if (CompanyId is null && Parents.Count == 1)
                    CompanyId = Guid.Parse(Parents[0].Value);
                if (CompanyId is { } c && Parents.All(p => p.Value != c.ToString()))
                    CompanyId = null;
                context = new(CompanyId, null);
            }
            else
            {
                Parents = await RecordKinds.ProjectOptions(db, new(null, null), ct);
                if (ProjectId is null && Parents.Count == 1)
                    ProjectId = Guid.Parse(Parents[0].Value);
                var company = ProjectId is { } p
                    ? await db.Projects().Where(x => x.Id == p).Select(x => (Guid?)x.CompanyId).FirstOrDefaultAsync(ct)
                    : null;
                if (company is null)
                    ProjectId = null;
                context = new(company, ProjectId);
            }
            if (ParentId is null)
                return Page();
        }
        else
        {
            if (!Guid.TryParse(id, out var guid) || await k.One(db, guid, ct) is not { } row)
                return NotFound();
            RecordId = guid;
            Row = row;
            MayEdit = k.MayEdit(db.Scope);
            var project = k.Key == "projects" ? RecordKinds.Id(row, "id") : RecordKinds.Id(row, "projectId");
            var company = RecordKinds.Id(row, "companyId")
                ?? (
                    project is { } p
                        ? await db.Projects().Where(x => x.Id == p).Select(x => (Guid?)x.CompanyId).FirstOrDefaultAsync(ct)
                        : null
                );
            context = new(company, project);
            if (k.Related is { } related)
                Related = await related(db, row, ct);
            if (k.Key == "people")
                Links = await LinksAsync(guid, Archived, ct);
        }
        foreach (var f in Kind.Fields.Concat(IsNew ? [] : Kind.Sub?.Fields ?? []))
            if (f.Options is { } options)
                Options[f.Name] = await options(db, context, ct);
        return Page();
    }

    private async Task<OccupantLinks> LinksAsync(Guid personId, bool archived, CancellationToken ct)
    {
        var rows = await (
            from o in db.UnitOccupants().AsNoTracking()
            join p in db.People() on o.PersonId equals p.Id
            join u in db.Units() on o.UnitId equals u.Id
            join b in db.Buildings() on u.BuildingId equals b.Id
            where o.PersonId == personId
            orderby o.Until != null, b.Name, u.Number
            select new
            {
                o,
                p.Name,
                p.Phone,
                Unit = b.Name + " " + u.Number,
            }
        ).ToListAsync(ct);
        var links = rows.Select(r => Wuye.Modules.MasterData.Features.Shared.OccupantDto.Of(r.o, r.Name, r.Phone)).ToList();
        return new OccupantLinks(
            links,
            rows.DistinctBy(r => r.o.UnitId).ToDictionary(r => r.o.UnitId, r => r.Unit),
            true,
            MayEdit && !archived,
            Platform.Web.ChinaTime.Today(clock),
            Self + "?saved=1",
            "related"
        );
    }
}
