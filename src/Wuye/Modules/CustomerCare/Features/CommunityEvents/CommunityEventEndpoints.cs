using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.CommunityEvents;

/// <summary><c>/api/v1/community-events</c> (with sign-ups and check-ins) and <c>/api/v1/clubs</c> (with members).</summary>
internal static class CommunityEventEndpoints
{
    private static readonly string[] Readers = [.. CareRoles.Stewards, Roles.Owner];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/community-events").WithTags("Customer care");
        g.MapGet(
                "/",
                async (CommunityEventReads r, Guid? projectId, int? year, bool? upcoming, int? page, int? pageSize, CancellationToken ct) =>
                    TypedResults.Ok(await r.ListAsync(projectId, year, upcoming ?? false, page, pageSize, ct))
            )
            .RequireRoles(Readers)
            .WithSummary("Community events the reader may see (owners: their homes' projects and zones), with places taken and attendance");
        g.MapGet("/yearly", async (CommunityEventReads r, TimeProvider clock, int? year, CancellationToken ct) =>
                TypedResults.Ok(await r.YearAsync(year is >= 2000 and <= 2100 ? year.Value : ChinaTime.Now(clock).Year, ct))
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("Each project's activities and attendance in a year against the seeds' goals (001 ≥ 2; 002 ≥ 12, ≥ 300 people)");
        g.MapGet(
                "/birthday-proposal",
                async (
                    BirthdayParties b,
                    WuyeDb db,
                    TimeProvider clock,
                    Guid? projectId,
                    Guid? zoneId,
                    string? month,
                    CancellationToken ct
                ) =>
                {
                    var m = month is null
                        ? ChinaTime.Today(clock) is var t
                            ? new DateOnly(t.Year, t.Month, 1)
                            : default
                        : BirthdayParties.ParseMonth(month);
                    if (m is null)
                        throw ValidationException.For("month", "月份格式为 yyyy-MM", "The month is yyyy-MM");
                    if (projectId is not { } p || !await db.ProjectRefs().AnyAsync(x => x.Id == p, ct))
                        throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
                    return TypedResults.Ok(await b.ProposeAsync(p, zoneId, m.Value, ct));
                }
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("The care calendar's birthday-party proposal: residents with a birthday in the month (consent respected)");
        g.MapPost("/birthday-parties", async (BirthdayParties b, CommunityEventReads r, NewBirthdayParty body, CancellationToken ct) =>
            {
                var id = await b.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/community-events/{id}", await r.OneAsync(id, ct));
            })
            .RequireRoles(CareRoles.Stewards)
            .WithSummary(
                "Make the month's birthday party from the proposal: a community event inviting that month's birthdays (once a month)"
            );
        g.MapGet("/{id:guid}", async (CommunityEventReads r, Guid id, CancellationToken ct) => TypedResults.Ok(await r.OneAsync(id, ct)))
            .RequireRoles(Readers)
            .WithSummary("One event");
        g.MapPost("/", async (CommunityEventWrites w, CommunityEventReads r, NewCommunityEvent body, CancellationToken ct) =>
            {
                var id = await w.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/community-events/{id}", await r.OneAsync(id, ct));
            })
            .RequireRoles(CareRoles.Stewards)
            .WithSummary(
                "Announce an event (a zone steward: for their zone) and invite the residents whose interests match (templated message)"
            );
        g.MapGet("/{id:guid}/sign-ups", async (CommunityEventReads r, Guid id, int? page, int? pageSize, CancellationToken ct) =>
            {
                await r.OneAsync(id, ct);
                return TypedResults.Ok(await r.SignUpsOf(id).ToPagedAsync(page, pageSize, ct));
            })
            .RequireRoles(Readers)
            .WithSummary("The sign-ups the reader may see (an owner: their homes'; a zone steward: their zones')");
        g.MapPost(
                "/{id:guid}/sign-ups",
                async (CommunityEventWrites w, CommunityEventReads r, Guid id, NewEventSignUp body, CancellationToken ct) =>
                {
                    var signUp = await w.SignUpAsync(id, body, ct);
                    return TypedResults.Created($"/api/v1/community-events/{id}/sign-ups", await r.SignUp(signUp).FirstAsync(ct));
                }
            )
            .RequireRoles([Roles.Owner, .. CareRoles.Stewards])
            .WithSummary("Sign a household up (unitId, people 1–5): over capacity or a second time is a 400 on the field");
        g.MapPost(
                "/{id:guid}/check-ins",
                async (CommunityEventWrites w, CommunityEventReads r, Guid id, EventCheckIn body, CancellationToken ct) =>
                {
                    await w.CheckInAsync(id, body, ct);
                    return TypedResults.Ok(await r.SignUp(body.SignUpId!.Value).FirstAsync(ct));
                }
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("Check a signed-up household in at the door (attended defaults to the people signed up)");

        var c = api.MapGroup("/clubs").WithTags("Customer care");
        c.MapGet("/", async (Clubs clubs, Guid? projectId, CancellationToken ct) => TypedResults.Ok(await clubs.ListAsync(projectId, ct)))
            .RequireRoles(Readers)
            .WithSummary("The clubs (社团) of the reader's projects with their member counts (mine = a home of mine is a member)");
        c.MapPost("/", async (Clubs clubs, NewClub body, CancellationToken ct) =>
            {
                var id = await clubs.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/clubs/{id}", (await clubs.ListAsync(body.ProjectId, ct)).First(x => x.Id == id));
            })
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Found a club of a project: name, interest, description");
        c.MapGet("/{id:guid}/members", async (Clubs clubs, Guid id, int? page, int? pageSize, CancellationToken ct) =>
            {
                _ = await (await clubs.VisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("club");
                return TypedResults.Ok(await clubs.Members(id).ToPagedAsync(page, pageSize, ct));
            })
            .RequireRoles(Readers)
            .WithSummary("The members the reader may see (an owner: their homes)");
        c.MapPost("/{id:guid}/members", async (Clubs clubs, Guid id, JoinClub body, CancellationToken ct) =>
            {
                var member = await clubs.JoinAsync(id, body, ct);
                return TypedResults.Created($"/api/v1/clubs/{id}/members", await clubs.Members(id, member).FirstAsync(ct));
            })
            .RequireRoles(Clubs.Joiners)
            .WithSummary("A household joins (unitId); a second time is a 400 on unitId");
        c.MapDelete("/{id:guid}/members/{unitId:guid}", async (Clubs clubs, Guid id, Guid unitId, CancellationToken ct) =>
            {
                await clubs.LeaveAsync(id, unitId, ct);
                return TypedResults.NoContent();
            })
            .RequireRoles(Clubs.Joiners)
            .WithSummary("A household leaves the club");
    }
}
