using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.Shared;

/// <summary>
/// A home acting in a care record (a club join, a booking, a sign-up, an order): the unit as the caller may see it.
/// Each caller keeps its own wording for a home outside its record's project.
/// </summary>
internal sealed record CareHome(Guid Id, Guid CompanyId, Guid ProjectId, Guid? ZoneId, string Label)
{
    /// <summary>The visible, unarchived home; a field error on <c>unitId</c> otherwise.</summary>
    public static async Task<CareHome> FindAsync(WuyeDb db, Guid? unitId, CancellationToken ct) =>
        await db.UnitRefs()
            .AsNoTracking()
            .Where(u => u.Id == unitId && u.ArchivedAt == null)
            .Select(u => new CareHome(u.Id, u.CompanyId, u.ProjectId, u.ZoneId, u.Label))
            .FirstOrDefaultAsync(ct)
        ?? throw ValidationException.For("unitId", "房屋不存在或无权访问", "Home not found, or not yours");

    /// <summary>
    /// The name the record shows: the signed-in owner's own name, else the home's current owner, else the unit label.
    /// </summary>
    public async Task<string> HouseholdNameAsync(WuyeDb db, UserNames names, TimeProvider clock, CancellationToken ct)
    {
        // The signed-in user names the record only when they live in this home (a desk agent may own a home elsewhere).
        if (db.Scope.Units.Contains(Id) && db.Scope.UserId is { } me && await names.NameAsync(me, ct) is { } mine)
            return mine;
        var today = ChinaTime.Today(clock);
        var owner = await db.OccupantRefs()
            .Where(o => o.UnitId == Id && o.Relation == OccupantRelation.Owner && (o.Until == null || o.Until >= today))
            .Join(db.PersonRefs(), o => o.PersonId, p => p.Id, (o, p) => new { p.Name, o.Id })
            .OrderBy(x => x.Id)
            .Select(x => x.Name)
            .FirstOrDefaultAsync(ct);
        return owner ?? Label;
    }
}
