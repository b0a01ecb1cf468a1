using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.RegisterComplaint;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Pages;

/// <summary>Intake form: the receiver registers the complaint and becomes its owner (首问责任制).</summary>
internal sealed class NewModel(WuyeDb db, RegisterComplaintHandler register, ComplaintDepartments departments) : PageModel
{
    public sealed record BuildingOption(Guid Id, string Label);

    public List<BuildingOption> Buildings { get; private set; } = [];
    public string? Error { get; private set; }

    /// <summary>The departments in use in the user's companies (one company for almost everyone).</summary>
    public List<DepartmentDto> DepartmentOptions { get; private set; } = [];

    [BindProperty]
    public Guid? BuildingId { get; set; }

    [BindProperty]
    public string? UnitNumber { get; set; }

    [BindProperty]
    public string? ComplainantName { get; set; }

    [BindProperty]
    public string? ComplainantPhone { get; set; }

    [BindProperty]
    public ComplaintChannel Channel { get; set; } = ComplaintChannel.FrontDesk;

    [BindProperty]
    public ComplaintCategory? Category { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public bool Vip { get; set; }

    [BindProperty]
    public MajorKind? Major { get; set; }

    [BindProperty]
    public string[] Departments { get; set; } = [];

    [BindProperty]
    public bool NotEffective { get; set; }

    [BindProperty]
    public string? IneffectiveReason { get; set; }

    [BindProperty]
    public DateTime? ReplyDueAt { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ComplaintPages.IsStaff(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ComplaintPages.IsStaff(db.Scope))
            return Forbid();
        Guid id = default;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var number = UnitNumber?.Trim();
            var unit = await db.UnitRefs()
                .AsNoTracking()
                .Where(u => u.BuildingId == BuildingId && u.Number == number && u.ArchivedAt == null)
                .Select(u => (Guid?)u.Id)
                .FirstOrDefaultAsync(ct);
            if (unit is null)
                throw ValidationException.For("unitNumber", "该楼栋没有这个房号", "No such unit number in that building");
            var name = ComplainantName?.Trim();
            // A complainant registered on the unit is linked as the owner (person); anyone else is recorded by name.
            var person = string.IsNullOrEmpty(name)
                ? null
                : await db.OccupantRefs()
                    .Where(o => o.UnitId == unit && db.PersonRefs().Any(p => p.Id == o.PersonId && p.Name == name))
                    .Select(o => (Guid?)o.PersonId)
                    .FirstOrDefaultAsync(ct);
            var input = new NewComplaint(
                unit,
                person,
                name,
                ComplainantPhone?.Trim() is { Length: > 0 } ph ? ph : null,
                Channel,
                Category,
                Description,
                !NotEffective,
                IneffectiveReason,
                Vip,
                Major,
                Departments,
                null,
                ComplaintPages.FromInput(ReplyDueAt)
            );
            Wuye.Platform.Web.Validator.Check(input);
            id = (await register.HandleAsync(input, ct)).Id;
        });
        if (Error is null)
            return Redirect($"/complaints/{id}");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // Only the companies and projects the user works at: an owner's own home elsewhere makes its project visible,
        // not its departments or buildings a place to register complaints.
        var scope = db.Scope;
        var companies = await db.CompanyRefs().AsNoTracking().OrderBy(c => c.Name).Select(c => c.Id).Take(200).ToListAsync(ct);
        foreach (var company in companies.Where(c => scope.IsGlobal || scope.StaffCompanies.Contains(c)).Take(20))
            DepartmentOptions.AddRange(await departments.ListAsync(company, false, ct));
        DepartmentOptions = [.. DepartmentOptions.DistinctBy(d => d.Code)];
        var buildings = await (
            from b in db.BuildingRefs().AsNoTracking()
            join p in db.ProjectRefs() on b.ProjectId equals p.Id
            where b.ArchivedAt == null
            orderby p.Name, b.Name
            select new
            {
                b.Id,
                p.CompanyId,
                ProjectId = p.Id,
                Name = p.Name + " " + b.Name,
            }
        )
            .Take(1000)
            .ToListAsync(ct);
        Buildings = [.. buildings.Where(b => scope.WorksAt(b.CompanyId, b.ProjectId)).Select(b => new BuildingOption(b.Id, b.Name))];
    }
}
