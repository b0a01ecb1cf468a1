using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Pages;

/// <summary>海浪式检查: campaigns of several teams across 24 hours; each slot is done by an inspection its team made there in time.</summary>
internal sealed class WavesModel(WuyeDb db, TimeProvider clock) : InspectionPage(InspectionRoles.MayInspect)
{
    public List<WaveDto> Waves { get; private set; } = [];

    /// <summary>For each open slot: inspections its members made at its project within it, not yet counted.</summary>
    public Dictionary<Guid, List<(Guid Id, string Label)>> Candidates { get; private set; } = [];

    /// <summary>Open slots under way now of which the user is a member: they may record the slot's inspection straight away.</summary>
    public HashSet<Guid> Recordable { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public List<InspectorOption> People { get; private set; } = [];
    public string Now { get; private set; } = "";
    public bool CanPlan => db.Scope.IsGlobal || db.Scope.HasRole(Roles.QualityInspector) || db.Scope.HasRole(Roles.CompanyManager);
    public bool CanComplete => CanPlan || db.Scope.HasRole(Roles.ProjectManager);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().ToOffset(ChinaTime.Offset).ToString("yyyy-MM-ddTHH:00");
        var ids = await db.Set<WaveInspection>()
            .AsNoTracking()
            .OrderByDescending(w => w.StartsAt)
            .Take(10)
            .Select(w => w.Id)
            .ToListAsync(ct);
        foreach (var id in ids)
            if (await WaveViews.LoadAsync(db, clock, id, ct) is { } w)
                Waves.Add(w);
        var open = Waves.SelectMany(w => w.Slots).Where(s => s.InspectionId is null).ToList();
        if (open.Count > 0)
        {
            var slotIds = open.Select(s => s.Id).ToList();
            var slots = await db.Set<WaveSlot>().AsNoTracking().Where(s => slotIds.Contains(s.Id)).ToListAsync(ct);
            var from = slots.Min(s => s.StartsAt);
            var to = slots.Max(s => s.EndsAt);
            var used = await db.Set<WaveSlot>()
                .AsNoTracking()
                .Where(s => s.InspectionId != null)
                .Select(s => s.InspectionId!.Value)
                .ToListAsync(ct);
            var inspections = await db.Set<Inspection>()
                .AsNoTracking()
                .Where(i => i.CheckedAt >= from && i.CheckedAt <= to && !used.Contains(i.Id))
                .ToListAsync(ct);
            var now = clock.GetUtcNow();
            var me = db.Scope.UserId;
            Recordable =
            [
                .. slots.Where(s => s.StartsAt <= now && now <= s.EndsAt && me is { } m && s.MemberUserIds.Contains(m)).Select(s => s.Id),
            ];
            foreach (var s in slots)
                Candidates[s.Id] =
                [
                    .. inspections
                        .Where(i =>
                            i.ProjectId == s.ProjectId
                            && i.CheckedAt >= s.StartsAt
                            && i.CheckedAt <= s.EndsAt
                            && s.MemberUserIds.Contains(i.InspectorUserId)
                        )
                        .Select(i => (i.Id, $"{i.InspectorName} {i.CheckedAt.ToOffset(ChinaTime.Offset):HH:mm} {i.Place}")),
                ];
        }
        if (!CanPlan)
            return;
        var companies = db.Scope.FullCompanies;
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null && (db.Scope.IsGlobal || companies.Contains(p.CompanyId)))
                    .OrderBy(p => p.Name)
                    .Select(p => new { p.Id, p.Name })
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
        if (companies.Length == 1)
            People =
            [
                .. (await QpiStaff.InspectorsAsync(db, companies[0], null, ct))
                    .GroupBy(p => p.UserId)
                    .Select(g => g.First())
                    .OrderBy(p => p.Name),
            ];
    }

    public static string China(DateTimeOffset t) => t.ToOffset(ChinaTime.Offset).ToString("MM-dd HH:mm");
}
