using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Inspections.Pages;

/// <summary>
/// A page of the inspection area that checks its reader's role itself, before any handler runs (GET or POST),
/// with the rule of <see cref="Domain.InspectionRoles"/> that also decides the menu and the tabs leading to it:
/// typing the address is no way round the menu.
/// </summary>
internal abstract class InspectionPage(Func<DataScope, bool> mayOpen) : PageModel
{
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (!mayOpen(HttpContext.RequestServices.GetRequiredService<ScopeAccessor>().Scope))
            context.Result = Forbid();
    }
}
