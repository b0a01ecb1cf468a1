using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;

namespace Wuye.Modules.Fees.Pages;

/// <summary>What the fee pages share.</summary>
internal static class FeePages
{
    public static string Yuan(decimal amount) => "¥" + Money.Text(amount);

    public static string Badge(Rate r) =>
        r.Value is { } v && v >= CollectionFigures.Goal ? "text-green"
        : r.Value is null ? ""
        : "text-red";

    /// <summary>The projects the user may see, by name (for the pickers).</summary>
    public static async Task<List<(Guid Id, string Name)>> ProjectsAsync(WuyeDb db, CancellationToken ct) =>
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .ThenBy(p => p.Id)
                    .Select(p => new { p.Id, p.Name })
                    .Take(500)
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
}
