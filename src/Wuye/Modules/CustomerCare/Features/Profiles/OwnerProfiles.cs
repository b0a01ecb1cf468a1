using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Segments;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.Profiles;

internal sealed record MemberDto(
    Guid PersonId,
    string Name,
    OccupantRelation Relation,
    string RelationName,
    string? Kinship,
    string? Birthday,
    DateOnly? Since,
    string[] Interests,
    bool? Consent,
    bool OptedOut,
    bool HasAccount
);

internal sealed record HouseholdProfileDto(
    Guid UnitId,
    string Label,
    Guid ProjectId,
    Guid? ZoneId,
    DateOnly? HandoverDate,
    DateOnly? WarrantyEnd,
    string? BusinessName,
    DateOnly? LicenceDate,
    string[] Tags,
    string? Note,
    IReadOnlyList<MemberDto> Members,
    IReadOnlyList<SegmentDto> Segments
);

internal sealed record HouseholdInput(string? BusinessName, DateOnly? LicenceDate, string[]? Tags, string? Note) : IValidatable
{
    public void Validate(Validator v)
    {
        v.MaxLength("businessName", BusinessName, 100, "企业名称", "Business name").MaxLength("note", Note, 500, "备注", "Note");
        if (LicenceDate is not null && string.IsNullOrWhiteSpace(BusinessName))
            v.Add("licenceDate", "请先填写企业名称", "Enter the business name first");
        if (Tags is { Length: > HouseholdProfile.MaxTags })
            v.Add("tags", $"最多 {HouseholdProfile.MaxTags} 个标签", $"At most {HouseholdProfile.MaxTags} tags");
        else if (Tags?.Any(t => t is null || t.Trim().Length is 0 or > 40) == true)
            v.Add("tags", "标签为 1–40 个字", "A tag has 1–40 characters");
    }
}

internal sealed record MemberInput(string[]? Interests, bool? Consent) : IValidatable
{
    public void Validate(Validator v)
    {
        if (Interests is { Length: > PersonProfile.MaxInterests })
            v.Add("interests", $"最多 {PersonProfile.MaxInterests} 项爱好", $"At most {PersonProfile.MaxInterests} interests");
        else if (Interests?.Any(t => t is null || t.Trim().Length is 0 or > 40) == true)
            v.Add("interests", "每项爱好 1–40 个字", "An interest has 1–40 characters");
    }
}

/// <summary>
/// 客户档案: a household as MasterData knows it (its members, their birthdays and move-in dates) with this module's profile
/// (interests, consent, business, manual tags) and its computed segments. Birthdays show month and day only.
/// </summary>
internal sealed class OwnerProfiles(WuyeDb db, TimeProvider clock, SegmentCalculator segments)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/owner-profiles").WithTags("Customer care");
        g.MapGet("/{unitId:guid}", async (OwnerProfiles profiles, Guid unitId, CancellationToken ct) =>
                TypedResults.Ok(await profiles.GetAsync(unitId, ct))
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("A household's profile: members, birthdays, move-in, interests, consent, business, tags and segments");
        g.MapPut("/{unitId:guid}", async (OwnerProfiles profiles, Guid unitId, HouseholdInput body, CancellationToken ct) =>
            {
                await profiles.SaveHouseholdAsync(unitId, body, ct);
                return TypedResults.Ok(await profiles.GetAsync(unitId, ct));
            })
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("Record a household's business (office clients: licence date), manual tags and note");
        g.MapPut(
                "/{unitId:guid}/members/{personId:guid}",
                async (OwnerProfiles profiles, Guid unitId, Guid personId, MemberInput body, CancellationToken ct) =>
                {
                    await profiles.SaveMemberAsync(unitId, personId, body, ct);
                    return TypedResults.Ok(await profiles.GetAsync(unitId, ct));
                }
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("Record a household member's interests and consent to care messages");
    }

    private sealed record UnitRow(
        Guid Id,
        Guid CompanyId,
        Guid ProjectId,
        Guid? ZoneId,
        string Label,
        DateOnly? Handover,
        DateOnly? Warranty
    );

    private async Task<UnitRow> UnitAsync(Guid unitId, CancellationToken ct) =>
        await db.UnitRefs()
            .AsNoTracking()
            .Where(u => u.Id == unitId && u.ArchivedAt == null)
            .Select(u => new UnitRow(u.Id, u.CompanyId, u.ProjectId, u.ZoneId, u.Label, u.HandoverDate, u.WarrantyEnd))
            .FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException("unit");

    public async Task<HouseholdProfileDto> GetAsync(Guid unitId, CancellationToken ct)
    {
        var unit = await UnitAsync(unitId, ct);
        var today = ChinaTime.Today(clock);
        var people = db.PersonRefs();
        var members = await db.OccupantRefs()
            .AsNoTracking()
            .Where(o => o.UnitId == unitId && (o.Until == null || o.Until >= today))
            .Join(people, o => o.PersonId, p => p.Id, (o, p) => new { o, p })
            .Where(x => x.p.ArchivedAt == null)
            .OrderBy(x => x.o.Relation)
            .ThenBy(x => x.p.Name)
            .ThenBy(x => x.o.Id)
            .Take(50)
            .Select(x => new
            {
                x.p.Id,
                x.p.Name,
                x.o.Relation,
                x.o.Kinship,
                x.p.Birthday,
                x.o.Since,
                x.p.UserId,
            })
            .ToListAsync(ct);
        var ids = members.Select(m => m.Id).ToList();
        var profiles = await db.Set<PersonProfile>()
            .AsNoTracking()
            .Where(p => ids.Contains(p.PersonId))
            .ToDictionaryAsync(p => p.PersonId, ct);
        var users = members.Where(m => m.UserId != null).Select(m => m.UserId!.Value).ToList();
        var optedOut = await db.Set<MessagePreference>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(p => users.Contains(p.UserId) && p.OptedOut)
            .Select(p => p.UserId)
            .ToListAsync(ct);
        var household = await db.Set<HouseholdProfile>().AsNoTracking().FirstOrDefaultAsync(h => h.UnitId == unitId, ct);
        var segs = (await segments.ForProjectAsync(unit.ProjectId, [unitId], ct)).FirstOrDefault();
        return new HouseholdProfileDto(
            unit.Id,
            unit.Label,
            unit.ProjectId,
            unit.ZoneId,
            unit.Handover,
            unit.Warranty,
            household?.BusinessName,
            household?.LicenceDate,
            household?.Tags ?? [],
            household?.Note,
            [
                .. members.Select(m =>
                {
                    var p = profiles.GetValueOrDefault(m.Id);
                    return new MemberDto(
                        m.Id,
                        m.Name,
                        m.Relation,
                        ResidentPhones.RelationName(m.Relation),
                        m.Kinship,
                        m.Birthday?.ToString("MM-dd"),
                        m.Since,
                        p?.Interests ?? [],
                        p?.Consent,
                        m.UserId is { } u && optedOut.Contains(u),
                        m.UserId is not null
                    );
                }),
            ],
            segs is null ? [] : SegmentEndpoints.ToDto(segs).Segments
        );
    }

    public async Task SaveHouseholdAsync(Guid unitId, HouseholdInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var unit = await UnitAsync(unitId, ct);
        var profile = await db.Set<HouseholdProfile>().FirstOrDefaultAsync(h => h.UnitId == unitId, ct);
        if (profile is null)
        {
            profile = new HouseholdProfile
            {
                CompanyId = unit.CompanyId,
                ProjectId = unit.ProjectId,
                ZoneId = unit.ZoneId,
                UnitId = unit.Id,
            };
            db.Add(profile);
        }
        profile.Describe(input.BusinessName, input.LicenceDate, input.Tags ?? [], input.Note);
        await db.SaveChangesAsync(ct);
    }

    public async Task SaveMemberAsync(Guid unitId, Guid personId, MemberInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var unit = await UnitAsync(unitId, ct);
        var today = ChinaTime.Today(clock);
        if (
            !await db.OccupantRefs()
                .AnyAsync(o => o.UnitId == unitId && o.PersonId == personId && (o.Until == null || o.Until >= today), ct)
        )
            throw new NotFoundException("person");
        var profile = await db.Set<PersonProfile>().FirstOrDefaultAsync(p => p.PersonId == personId, ct);
        if (profile is null)
        {
            profile = new PersonProfile
            {
                CompanyId = unit.CompanyId,
                ProjectId = unit.ProjectId,
                ZoneId = unit.ZoneId,
                UnitId = unit.Id,
                PersonId = personId,
            };
            db.Add(profile);
        }
        profile.Describe(input.Interests, input.Consent, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}
