using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.TalentPool;

internal sealed record TalentDto(
    Guid Id,
    Guid ProjectId,
    Guid UnitId,
    string UnitLabel,
    Guid PersonId,
    string Name,
    string[] Skills,
    string? Note,
    DateTimeOffset ConsentAt,
    string RecordedByName
);

internal sealed record RecordTalent(Guid? UnitId, string[]? Skills, string? Note, bool? Consent) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("unitId", UnitId, "房屋", "Home")
            .Required("consent", Consent, "本人同意", "Consent")
            .MaxLength("note", Note, 200, "备注", "Note");
        var skills = (Skills ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        if (Consent == true && skills.Count == 0)
            v.Add("skills", "请填写至少一项特长", "Give at least one skill");
        if (skills.Count > TalentEntry.MaxSkills || skills.Any(s => s.Trim().Length > 40))
            v.Add("skills", "特长最多 10 项，每项最多 40 字", "At most 10 skills of up to 40 characters");
    }
}

/// <summary>
/// 社区文化人才库 (000#62): stewards, the desk and managers record a resident's skills with the resident's consent (its date kept),
/// find the consenting residents of a project by skill, and an event naming a skill among its interests invites them
/// (<see cref="CommunityEvents.CommunityEventWrites"/>). Without consent nobody is listed; withdrawing it erases the skills.
/// </summary>
internal sealed class TalentPool(WuyeDb db, TimeProvider clock, UserNames names)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/talent-pool").WithTags("Customer care");
        g.MapGet("/", async (TalentPool pool, Guid? projectId, string? skill, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await pool.List(projectId, skill).ToPagedAsync(page, pageSize, ct))
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary(
                "The talent pool (人才库): consenting residents the reader may see, by project and skill (part of a skill's name)"
            );
        g.MapPut("/{personId:guid}", async (TalentPool pool, Guid personId, RecordTalent body, CancellationToken ct) =>
            {
                var id = await pool.RecordAsync(personId, body, ct);
                return TypedResults.Ok(await pool.List(null, null, id).FirstOrDefaultAsync(ct));
            })
            .RequireRoles(CareRoles.Stewards)
            .WithSummary(
                "Record a resident's skills with their consent {unitId, skills, note, consent: true}; consent false withdraws and erases"
            );
    }

    /// <summary>The consenting residents of the reader's places, by unit label; a skill matches any skill containing it.</summary>
    public IQueryable<TalentDto> List(Guid? projectId, string? skill, Guid? id = null)
    {
        var q = db.Set<TalentEntry>().AsNoTracking().Where(t => t.Consent);
        if (id is { } one)
            q = q.Where(t => t.Id == one);
        if (projectId is { } p)
            q = q.Where(t => t.ProjectId == p);
        if (!string.IsNullOrWhiteSpace(skill))
        {
            var s = skill.Trim();
            q = q.Where(t => t.Skills.Any(x => x.Contains(s)));
        }
        var labels = db.UnitLabels();
        var people = db.PersonRefs();
        return q.Select(t => new
            {
                t,
                Label = labels.Where(l => l.Id == t.UnitId).Select(l => l.Label).FirstOrDefault() ?? "",
                Name = people.Where(x => x.Id == t.PersonId).Select(x => x.Name).FirstOrDefault() ?? "",
            })
            .OrderBy(x => x.Label)
            .ThenBy(x => x.t.Id)
            .Select(x => new TalentDto(
                x.t.Id,
                x.t.ProjectId,
                x.t.UnitId,
                x.Label,
                x.t.PersonId,
                x.Name,
                x.t.Skills,
                x.t.Note,
                x.t.ConsentAt,
                x.t.RecordedByName
            ));
    }

    /// <summary>Residents of the reader's places who could join the pool (for the page's form): living there today.</summary>
    public async Task<List<(Guid UnitId, Guid PersonId, string Label)>> ResidentsAsync(Guid projectId, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var labels = db.UnitLabels();
        var rows = await db.OccupantRefs()
            .Where(o => o.ProjectId == projectId && (o.Since == null || o.Since <= today) && (o.Until == null || o.Until >= today))
            .Join(
                db.PersonRefs().Where(p => p.ArchivedAt == null),
                o => o.PersonId,
                p => p.Id,
                (o, p) =>
                    new
                    {
                        o.UnitId,
                        p.Id,
                        p.Name,
                    }
            )
            .Select(x => new
            {
                x.UnitId,
                x.Id,
                Label = (labels.Where(l => l.Id == x.UnitId).Select(l => l.Label).FirstOrDefault() ?? "") + " " + x.Name,
            })
            .OrderBy(x => x.Label)
            .Take(1000)
            .ToListAsync(ct);
        return [.. rows.Select(r => (r.UnitId, r.Id, r.Label))];
    }

    public async Task<Guid> RecordAsync(Guid personId, RecordTalent input, CancellationToken ct)
    {
        Validator.Check(input);
        var today = ChinaTime.Today(clock);
        var home = await db.OccupantRefs()
            .Where(o =>
                o.PersonId == personId
                && o.UnitId == input.UnitId
                && (o.Since == null || o.Since <= today)
                && (o.Until == null || o.Until >= today)
            )
            .Select(o => new
            {
                o.CompanyId,
                o.ProjectId,
                o.ZoneId,
                o.UnitId,
            })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For(
                "unitId",
                "该住户不住在这套房屋，或无权访问",
                "The resident does not live in this home, or it is not yours"
            );
        var entry = await db.Set<TalentEntry>().FirstOrDefaultAsync(t => t.PersonId == personId, ct);
        // A person is in the pool once: recorded under a home the reader does not look after, it is not theirs to change.
        if (entry is null && await db.Set<TalentEntry>().IgnoreQueryFilters().AnyAsync(t => t.PersonId == personId, ct))
            throw ValidationException.For(
                "unitId",
                "该住户已由其他片区登记在人才库",
                "This resident is already in the talent pool under another zone's home"
            );
        TalentEntry.RequireConsent(input.Consent, entry is not null);
        var now = clock.GetUtcNow();
        var me = (db.Scope.UserId is { } u ? await names.NameAsync(u, ct) : null) ?? Loc.T("系统", "System");
        if (entry is null)
        {
            entry = new TalentEntry
            {
                CompanyId = home.CompanyId,
                ProjectId = home.ProjectId,
                ZoneId = home.ZoneId,
                UnitId = home.UnitId,
                PersonId = personId,
                RecordedByName = me,
                ConsentAt = now,
            };
            db.Add(entry);
        }
        (entry.ProjectId, entry.ZoneId, entry.UnitId, entry.RecordedByName) = (home.ProjectId, home.ZoneId, home.UnitId, me);
        entry.Record(input.Skills ?? [], input.Note, input.Consent!.Value, now);
        await db.SaveChangesAsync(ct);
        return entry.Id;
    }
}
