using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.DeleteSlaPolicy;
using Wuye.Modules.WorkOrders.Features.GetBusinessCalendar;
using Wuye.Modules.WorkOrders.Features.ListSlaPolicies;
using Wuye.Modules.WorkOrders.Features.SetBusinessCalendar;
using Wuye.Modules.WorkOrders.Features.SetSlaPolicy;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Pages;

/// <summary>维护时限表 and business calendar of one project, for its project manager or the company manager.</summary>
internal sealed class SettingsModel(
    WuyeDb db,
    SetSlaPolicyHandler setPolicy,
    DeleteSlaPolicyHandler deletePolicy,
    SetBusinessCalendarHandler setCalendar,
    ScopeAccessor scope
) : PageModel
{
    private static readonly string[] Editors = [Roles.ProjectManager, Roles.CompanyManager];

    public List<(Guid Id, string Name)> Projects { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }
    public List<SlaPolicyDto> Policies { get; private set; } = [];
    public CalendarDto? Calendar { get; private set; }
    public string? Error { get; private set; }
    public string? Saved { get; private set; }

    /// <summary>The calendar form as posted, shown again when it was refused.</summary>
    public string? HolidaysText { get; private set; }
    public string? ExtraText { get; private set; }
    private (TimeOnly? Start, TimeOnly? End, string Days)? _posted;

    public async Task<IActionResult> OnGetAsync(string? saved, CancellationToken ct)
    {
        if (!scope.ActAs(Editors))
            return Forbid();
        if (!await LoadAsync(ct))
            return NotFound();
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostPolicyAsync(
        RequestCategory? category,
        Urgency? urgency,
        int? responseMinutes,
        int? arrivalMinutes,
        int? completionMinutes,
        bool aroundTheClock,
        CancellationToken ct
    )
    {
        if (!scope.ActAs(Editors))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () =>
            setPolicy.HandleAsync(
                new SlaPolicyInput(ProjectId, category, urgency, responseMinutes, arrivalMinutes, completionMinutes, aroundTheClock),
                ct
            )
        );
        return await AfterAsync("policy", ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!scope.ActAs(Editors))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            if (!await deletePolicy.HandleAsync(id, ct))
                throw new NotFoundException("sla policy");
        });
        return await AfterAsync("deleted", ct);
    }

    public async Task<IActionResult> OnPostCalendarAsync(
        TimeOnly? dayStart,
        TimeOnly? dayEnd,
        string[]? workingDays,
        string? holidays,
        string? extraWorkdays,
        CancellationToken ct
    )
    {
        if (!scope.ActAs(Editors))
            return Forbid();
        HolidaysText = holidays;
        ExtraText = extraWorkdays;
        _posted = (dayStart, dayEnd, string.Concat((workingDays ?? []).Order()));
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var h = Dates("holidays", holidays, "节假日", "Holidays");
            var x = Dates("extraWorkdays", extraWorkdays, "调休上班日", "Swapped workdays");
            if (
                await setCalendar.HandleAsync(
                    ProjectId ?? Guid.Empty,
                    new CalendarInput(dayStart, dayEnd, string.Concat((workingDays ?? []).Order()), h, x),
                    ct
                )
                is null
            )
                throw new NotFoundException("project");
        });
        return await AfterAsync("calendar", ct);
    }

    private async Task<IActionResult> AfterAsync(string what, CancellationToken ct)
    {
        if (Error is null)
            return RedirectToPage(new { ProjectId, saved = what });
        if (!await LoadAsync(ct))
            return NotFound();
        return Page();
    }

    /// <summary>Dates one per line or separated by commas, as 2026-10-01; a wrong one is named.</summary>
    private static DateOnly[] Dates(string field, string? text, string zh, string en)
    {
        var dates = new List<DateOnly>();
        foreach (var part in (text ?? "").Split([',', '，', '\n', '\r', ' ', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (
                !DateOnly.TryParseExact(
                    part.Trim(),
                    ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"],
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.None,
                    out var d
                )
            )
                throw ValidationException.For(
                    field,
                    $"{zh}中的“{part}”不是日期，请写成 2026-10-01",
                    $"{en}: \"{part}\" is not a date; write it as 2026-10-01"
                );
            dates.Add(d);
        }
        return [.. dates];
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var s = scope.Scope;
        Projects = [.. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .Select(p => new
                    {
                        p.Id,
                        p.CompanyId,
                        p.Name,
                    })
                    .ToListAsync(ct)
            ).Where(p => s.HasRoleAt(Editors, p.CompanyId, p.Id, null)).Select(p => (p.Id, p.Name))];
        ProjectId ??= Projects.Select(p => (Guid?)p.Id).FirstOrDefault();
        if (ProjectId is not { } id)
            return true;
        if (Projects.All(p => p.Id != id))
            return false;
        Policies = await ListSlaPoliciesEndpoint.ForProjectAsync(db, id, ct);
        Calendar = await GetBusinessCalendarEndpoint.LoadAsync(db, id, ct);
        if (_posted is { } p)
            Calendar = Calendar! with { DayStart = p.Start ?? Calendar.DayStart, DayEnd = p.End ?? Calendar.DayEnd, WorkingDays = p.Days };
        HolidaysText ??= string.Join("\n", Calendar!.Holidays.Select(d => d.ToString("yyyy-MM-dd")));
        ExtraText ??= string.Join("\n", Calendar!.ExtraWorkdays.Select(d => d.ToString("yyyy-MM-dd")));
        return true;
    }

    public static string Duration(int minutes, bool aroundTheClock)
    {
        var text =
            minutes < 60 ? Loc.T($"{minutes} 分钟", $"{minutes} min")
            : minutes % 60 == 0 ? Loc.T($"{minutes / 60} 小时", $"{minutes / 60} h")
            : Loc.T($"{minutes / 60} 小时 {minutes % 60} 分", $"{minutes / 60} h {minutes % 60} min");
        return aroundTheClock ? text : Loc.T($"{text}（工作时间）", $"{text} (working time)");
    }

    public static string UrgencyName(Urgency u) => u == Urgency.Urgent ? Loc.T("紧急", "Urgent") : Loc.T("一般", "Normal");

    public static string DayName(char d) =>
        d switch
        {
            '1' => Loc.T("一", "Mon"),
            '2' => Loc.T("二", "Tue"),
            '3' => Loc.T("三", "Wed"),
            '4' => Loc.T("四", "Thu"),
            '5' => Loc.T("五", "Fri"),
            '6' => Loc.T("六", "Sat"),
            _ => Loc.T("日", "Sun"),
        };
}
