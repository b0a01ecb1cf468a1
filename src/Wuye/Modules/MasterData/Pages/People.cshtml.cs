using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.People;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;
using PeopleList = Wuye.Modules.MasterData.Features.People.People;
using Reveal = Wuye.Modules.MasterData.Features.RevealPersonalData.RevealPersonalData;

namespace Wuye.Modules.MasterData.Pages;

/// <summary>Owners, family and tenants, masked; a permitted role may reveal one person's numbers, stating why.</summary>
internal sealed class PeopleModel(WuyeDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public OccupantRelation? Relation { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }
    public Paged<PersonDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public bool MayReveal => db.Scope.IsGlobal || Reveal.MayReveal.Any(db.Scope.Roles.Contains);

    public string Query(int? page = null) =>
        $"projectId={ProjectId}&relation={Relation}&q={Uri.EscapeDataString(Q ?? "")}" + (page is null ? "" : $"&page={page}");

    public async Task OnGetAsync(CancellationToken ct)
    {
        Projects =
        [
            .. db.Projects()
                .Where(p => p.ArchivedAt == null)
                .OrderBy(p => p.Name)
                .Select(p => new { p.Id, p.Name })
                .AsEnumerable()
                .Select(p => (p.Id, p.Name)),
        ];
        var paged = await PeopleList
            .Dto(db, PeopleList.Filter(db, ProjectId, null, Relation, Q, false))
            .ToPagedAsync(PageNumber is < 1 ? 1 : PageNumber, Paging.DefaultPageSize, ct);
        Result = paged with { Items = [.. (await PeopleList.WithHomesAsync(db, paged.Items, ct)).Select(PeopleList.Masked)] };
    }

    /// <summary>htmx: the purpose comes from a prompt in the browser; the answer replaces the masked cell.</summary>
    public async Task<IActionResult> OnPostRevealAsync(Guid id, [FromForm] string? purpose, CancellationToken ct)
    {
        purpose = (purpose ?? "").Trim();
        if (purpose.Length is 0 or > 200)
            return Html(
                $"<span class=\"text-danger "
                    + $"small\">{WebUtility.HtmlEncode(Loc.T("请填写查看原因（200 字以内）", "State why you need it (up to 200 characters)"))}</span>"
            );
        Features.RevealPersonalData.PersonalData? data;
        try
        {
            data = await Reveal.RevealAsync(db, id, purpose, ct);
        }
        catch (ForbiddenException e)
        {
            return Html($"<span class=\"text-danger small\">{WebUtility.HtmlEncode(e.Text.ToString())}</span>");
        }
        if (data is null)
            return NotFound();
        return Html(
            $"<span data-testid=\"revealed\">{WebUtility.HtmlEncode(data.Phone ?? "—")} · "
                + $"{WebUtility.HtmlEncode(data.IdNumber ?? "—")}</span>"
        );
    }

    private ContentResult Html(string html) => Content(html, "text/html; charset=utf-8");
}
