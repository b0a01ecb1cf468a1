using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListPlans;
using Wuye.Modules.Emergencies.Features.SavePlan;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Pages;

/// <summary>Writing a plan or its next version on a phone: the steps and contacts as rows, a few blank ones to add more.</summary>
internal sealed class PlanEditModel(WuyeDb db, ScopeAccessor scopes, PlanReads plans, SavePlanHandler save) : PageModel
{
    public sealed class StepRow
    {
        public string? Action { get; set; }
        public string? Role { get; set; }
        public int? TargetMinutes { get; set; }
    }

    public sealed class ContactRow
    {
        public string? Name { get; set; }
        public string? Phone { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public Guid? ProjectId { get; set; }

    [BindProperty]
    public PlanKind? Kind { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public List<StepRow> Steps { get; set; } = [];

    [BindProperty]
    public List<ContactRow> Contacts { get; set; } = [];

    public List<ProjectRef> Projects { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!EmergencyRoles.MayManage(db.Scope))
            return Forbid();
        if (Id is { } id)
        {
            PlanDto plan;
            try
            {
                plan = await plans.OneAsync(id, ct);
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
            Title = plan.Title;
            Steps =
            [
                .. plan.Steps.Select(s => new StepRow
                {
                    Action = s.Action,
                    Role = s.Role,
                    TargetMinutes = s.TargetMinutes,
                }),
            ];
            Contacts = [.. plan.Contacts.Select(c => new ContactRow { Name = c.Name, Phone = c.Phone })];
        }
        await FillAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(EmergencyRoles.Managers))
            return Forbid();
        ModelState.Clear();
        List<PlanStepInput> steps =
        [
            .. Steps.Where(s => !string.IsNullOrWhiteSpace(s.Action)).Select(s => new PlanStepInput(s.Action, s.Role, s.TargetMinutes)),
        ];
        List<PlanContactInput> contacts =
        [
            .. Contacts
                .Where(c => !string.IsNullOrWhiteSpace(c.Name) || !string.IsNullOrWhiteSpace(c.Phone))
                .Select(c => new PlanContactInput(c.Name, c.Phone)),
        ];
        Guid saved = Guid.Empty;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            if (Id is { } id)
                saved = (await save.ReviseAsync(id, Validator.Check(new PlanRevisionInput(Title, steps, contacts, Note)), ct)).Id;
            else
                saved = (await save.CreateAsync(Validator.Check(new PlanInput(ProjectId, Kind, Title, steps, contacts, Note)), ct)).Id;
        });
        if (Error is null)
            return Redirect($"/emergencies/plans/{saved}");
        await FillAsync(ct);
        return Page();
    }

    private async Task FillAsync(CancellationToken ct)
    {
        Projects = await db.ProjectRefs().AsNoTracking().Where(p => p.ArchivedAt == null).OrderBy(p => p.Name).Take(200).ToListAsync(ct);
        while (Steps.Count < Math.Max(5, Steps.Count(s => !string.IsNullOrWhiteSpace(s.Action)) + 3))
            Steps.Add(new StepRow { Role = Roles.SecurityGuard, TargetMinutes = Steps.LastOrDefault()?.TargetMinutes ?? 0 });
        while (Contacts.Count < Math.Max(3, Contacts.Count(c => !string.IsNullOrWhiteSpace(c.Name)) + 2))
            Contacts.Add(new ContactRow());
    }
}
