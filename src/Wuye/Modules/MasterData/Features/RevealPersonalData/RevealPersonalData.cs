using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.RevealPersonalData;

internal sealed record PersonalData(Guid PersonId, string Name, string? Phone, string? IdNumber);

internal sealed record PersonalDataAccessDto(Guid Id, Guid PersonId, string? UserName, string Purpose, DateTimeOffset At);

internal sealed record RevealInput(string? Purpose) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("purpose", Purpose, "查看原因", "Purpose").MaxLength("purpose", Purpose, 200, "查看原因", "Purpose");
}

/// <summary>POST /api/v1/people/{id}/reveal: a person's full phone and ID number, for a stated purpose, recorded; and who looked.</summary>
internal static class RevealPersonalData
{
    /// <summary>Roles whose work needs a resident's full phone or ID number (calling back, registering, verifying).</summary>
    public static readonly string[] MayReveal = [Roles.CompanyManager, Roles.ProjectManager, Roles.CustomerService, Roles.Steward];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/people").WithTags("People");
        g.MapPost(
                "/{id:guid}/reveal",
                async Task<Results<Ok<PersonalData>, NotFound>> (WuyeDb db, Guid id, RevealInput body, CancellationToken ct) =>
                    await RevealAsync(db, id, body.Purpose!, ct) is { } data ? TypedResults.Ok(data) : TypedResults.NotFound()
            )
            .RequireRoles(MayReveal)
            .WithSummary("The full phone and ID number of a person, for a stated purpose; every reveal is recorded");

        g.MapGet(
                "/{id:guid}/reveals",
                async Task<Results<Ok<List<PersonalDataAccessDto>>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                {
                    if (!await db.People().AnyAsync(p => p.Id == id, ct))
                        return TypedResults.NotFound();
                    return TypedResults.Ok(
                        await db.Set<PersonalDataAccess>()
                            .AsNoTracking()
                            .Where(a => a.PersonId == id)
                            .OrderByDescending(a => a.CreatedAt)
                            .Select(a => new PersonalDataAccessDto(a.Id, a.PersonId, a.UserName, a.Purpose, a.CreatedAt))
                            .Take(200)
                            .ToListAsync(ct)
                    );
                }
            )
            .RequireRoles(Roles.CompanyManager, Roles.ProjectManager)
            .WithSummary("Who looked at this person's full phone or ID number, and why");
    }

    /// <summary>
    /// The full values, after recording who looked and why (in the same save: no record, no
    /// reveal). The record carries the zone of the person's home, so the write check confines a
    /// steward to the residents of their own zone. Null: not found. A caller who may not look gets
    /// a <see cref="ForbiddenException"/> (403).
    /// </summary>
    public static async Task<PersonalData?> RevealAsync(WuyeDb db, Guid id, string purpose, CancellationToken ct)
    {
        var scope = db.Scope;
        if (!scope.IsGlobal && !MayReveal.Any(scope.Roles.Contains))
            throw new ForbiddenException("您的角色不能查看完整的手机号和身份证号", "Your role may not see full phone and ID numbers");
        var person = await db.People().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
            return null;
        var zone = await db.UnitOccupants()
            .Where(o => o.PersonId == id)
            .OrderBy(o => o.Relation)
            .Select(o => o.ZoneId)
            .FirstOrDefaultAsync(ct);
        if (!scope.CanWrite(person.CompanyId, person.ProjectId, zone, null))
            throw new ForbiddenException(
                "只能查看自己负责范围内住户的完整信息",
                "You may see full details only of residents in your own area"
            );
        db.Add(
            new PersonalDataAccess
            {
                CompanyId = person.CompanyId,
                ProjectId = person.ProjectId,
                ZoneId = zone,
                PersonId = id,
                UserId = scope.UserId,
                UserName = scope.UserName,
                Purpose = purpose.Trim(),
            }
        );
        await db.SaveChangesAsync(ct);
        return new PersonalData(id, person.Name, person.Phone, person.IdNumber);
    }
}
