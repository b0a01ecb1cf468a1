using Wuye.Modules.MasterData.Features.RevealPersonalData;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.MasterData.Contracts;

/// <summary>
/// A resident's full phone number for another module's page (the return-visit card, a request): the
/// same rule and the same record as the People page's reveal. Lists show <see cref="PersonRef.Phone"/>
/// masked (<c>Platform.Audit.Mask.Phone</c>); the full number comes only through here.
/// </summary>
public static class ResidentPhones
{
    /// <summary>Whether the reader's roles may reveal a resident's number at all (the People page's rule).</summary>
    public static bool MayReveal(DataScope scope) => scope.IsGlobal || RevealPersonalData.MayReveal.Any(scope.Roles.Contains);

    /// <summary>
    /// The person's full phone, after recording who looked and why (saved before it is returned).
    /// Null: no such person in the reader's sight. A reader who may not look gets a <see cref="Platform.Web.ForbiddenException"/>.
    /// </summary>
    public static async Task<string?> RevealPhoneAsync(this WuyeDb db, Guid personId, string purpose, CancellationToken ct) =>
        (await RevealPersonalData.RevealAsync(db, personId, purpose, ct))?.Phone;

    /// <summary>How a person is linked to a home (业主, 家庭成员, 租户), in the reader's language.</summary>
    public static string RelationName(OccupantRelation relation) => Names.Relation(relation);
}
