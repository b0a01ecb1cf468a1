using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.Shared;

/// <summary>Someone to call about a request, phone masked; <see cref="HasPhone"/> offers the audited reveal.</summary>
internal sealed record RequestContact(Guid PersonId, string Name, string Relation, string? MaskedPhone)
{
    public bool HasPhone => MaskedPhone is not null;
}

/// <summary>The contacts block of a request card: whom to call, and whether this reader may reveal a number.</summary>
internal sealed record ContactsView(Guid RequestId, IReadOnlyList<RequestContact> Contacts, bool MayReveal, string? Token);

/// <summary>
/// Whom the desk calls about a request (the return visit, a question about the job): the current
/// occupants of its unit and the person behind the account that reported it, as the master data
/// holds them, each phone masked. The full number only through <see cref="ResidentPhones.RevealPhoneAsync"/>.
/// </summary>
internal static class RequestContacts
{
    public static async Task<ILookup<Guid, RequestContact>> ForRequestsAsync(
        WuyeDb db,
        IReadOnlyCollection<Guid> requestIds,
        DateOnly today,
        CancellationToken ct
    )
    {
        var ids = requestIds.Distinct().ToArray();
        var requests = await db.Set<ServiceRequest>()
            .AsNoTracking()
            .Where(r => ids.Contains(r.Id))
            .Select(r => new
            {
                r.Id,
                r.UnitId,
                r.ReporterUserId,
            })
            .ToListAsync(ct);
        var units = requests.Where(r => r.UnitId != null).Select(r => r.UnitId!.Value).Distinct().ToArray();
        var users = requests.Where(r => r.ReporterUserId != null).Select(r => r.ReporterUserId!.Value).Distinct().ToArray();
        var occupants =
            units.Length == 0
                ? []
                : await (
                    from o in db.OccupantRefs()
                    join p in db.PersonRefs() on o.PersonId equals p.Id
                    where units.Contains(o.UnitId) && (o.Until == null || o.Until >= today) && p.ArchivedAt == null
                    orderby o.Relation, p.Name, p.Id
                    select new
                    {
                        o.UnitId,
                        p.Id,
                        p.Name,
                        o.Relation,
                        p.Phone,
                    }
                ).ToListAsync(ct);
        var reporters =
            users.Length == 0
                ? []
                : await db.PersonRefs()
                    .Where(p => p.UserId != null && users.Contains(p.UserId.Value) && p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .ThenBy(p => p.Id)
                    .Select(p => new
                    {
                        p.Id,
                        p.Name,
                        p.Phone,
                        p.UserId,
                    })
                    .ToListAsync(ct);
        var contacts = new List<(Guid Request, RequestContact Contact)>();
        foreach (var r in requests)
        {
            var seen = new HashSet<Guid>();
            foreach (var o in occupants.Where(o => o.UnitId == r.UnitId))
                if (seen.Add(o.Id))
                    contacts.Add((r.Id, new RequestContact(o.Id, o.Name, ResidentPhones.RelationName(o.Relation), Mask.Phone(o.Phone))));
            foreach (var p in reporters.Where(p => p.UserId == r.ReporterUserId))
                if (seen.Add(p.Id))
                    contacts.Add((r.Id, new RequestContact(p.Id, p.Name, Loc.T("报事人", "Reporter"), Mask.Phone(p.Phone))));
        }
        return contacts.ToLookup(c => c.Request, c => c.Contact);
    }
}
