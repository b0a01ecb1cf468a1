using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Platform.Pages;

/// <summary>Sends each user to the home page of their most senior role.</summary>
public sealed class IndexModel(ScopeAccessor scope) : PageModel
{
    public IActionResult OnGet() => LocalRedirect(HomePages.For(scope.Scope));
}
