using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.RollCalls;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.HiddenTokens;

internal sealed record HideTokenInput(Guid? SecurityPostId, string? Place) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("securityPostId", SecurityPostId, "岗位", "Post")
            .Required("place", Place, "藏放位置", "Where it is hidden")
            .MaxLength("place", Place, 200, "藏放位置", "Where it is hidden");
}

internal sealed record FoundTokenInput(string? Code) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("code", Code, "搜寻棒编码", "Token code").MaxLength("code", Code, 12, "搜寻棒编码", "Token code");
}

/// <summary>A token as its reader may see it: the place and the code only for the supervisor, or once it is found.</summary>
internal sealed record HiddenTokenDto(
    Guid Id,
    Guid ProjectId,
    Guid SecurityPostId,
    string PostName,
    string? Place,
    string? Code,
    DateTimeOffset HiddenAt,
    DateTimeOffset DueAt,
    string? GuardName,
    DateTimeOffset? FoundAt,
    int? MinutesToFind,
    string State
);

/// <summary>One post's month: tokens hidden, found, found rate, median minutes to find; the ranking's order.</summary>
internal sealed record TokenRankLine(
    int Rank,
    Guid SecurityPostId,
    string PostName,
    int Hidden,
    int Found,
    double FoundRate,
    double? MedianMinutes
);

/// <summary>Hidden-token night checks (安全搜寻棒, 万科#5): hide, find, the night's list, the monthly ranking of posts.</summary>
internal sealed class HiddenTokenHandler(WuyeDb db, TimeProvider clock, PostGuards guards)
{
    public static HiddenTokenDto Dto(HiddenToken t, DateTimeOffset now, bool supervisor) =>
        new(
            t.Id,
            t.ProjectId,
            t.SecurityPostId,
            t.PostName,
            supervisor || t.FoundAt is not null ? t.Place : null,
            supervisor || t.FoundAt is not null ? t.Code : null,
            t.HiddenAt,
            t.DueAt,
            t.GuardName,
            t.FoundAt,
            t.MinutesToFind,
            t.State(now)
        );

    public async Task<HiddenToken> HideAsync(HideTokenInput input, CancellationToken ct)
    {
        var post = await db.Set<SecurityPost>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.SecurityPostId, ct)
            ?? throw ValidationException.For("securityPostId", "岗位不存在", "Post not found");
        var now = clock.GetUtcNow();
        var endOfDay = ChinaTime.StartOf(ChinaTime.Today(clock).AddDays(1)).ToUniversalTime();
        // The post's duty under way or next today: the staff duty roster's where it has rostered the hours, the rota elsewhere.
        var duty = (await guards.DutiesAsync(post.ProjectId, now, endOfDay, ct))
            .Where(d => d.SecurityPostId == post.Id)
            .OrderBy(d => d.StartsAt)
            .ThenBy(d => d.UserId == null)
            .ThenBy(d => d.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        (DateTimeOffset, Guid?, string)? shift = duty is null ? null : (duty.EndsAt, duty.UserId, duty.Name);
        var by = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var open = await db.Set<HiddenToken>()
            .Where(t => t.ProjectId == post.ProjectId && t.FoundAt == null && t.DueAt > now)
            .Select(t => t.Code)
            .ToListAsync(ct);
        string code;
        do code = HiddenToken.NewCode();
        while (open.Contains(code));
        var token = HiddenToken.Hide(post, shift, input.Place!, code, by, now);
        db.Add(token);
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>
    /// The guard enters the code of a token they found: a token with that code hidden for them, or for a post they are on now.
    /// Anyone else's code gets the same answer as an unknown one (another post's guard cannot close it, nor learn it exists).
    /// </summary>
    public async Task<HiddenToken> FindAsync(FoundTokenInput input, CancellationToken ct)
    {
        var code = input.Code!.Trim().ToUpperInvariant();
        var now = clock.GetUtcNow();
        var me = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        // A token with the code, hidden for me or for a post I guard now (the roster's where it has rostered the hour, the rota
        // elsewhere — one set aside by the roster no longer counts).
        var candidates = await db.Set<HiddenToken>()
            .Where(t => t.Code == code)
            .OrderBy(t => t.FoundAt != null)
            .ThenByDescending(t => t.DueAt)
            .Take(20)
            .ToListAsync(ct);
        var mine = new HashSet<Guid>();
        foreach (var project in candidates.Where(t => t.GuardUserId != me).Select(t => t.ProjectId).Distinct())
            mine.UnionWith((await guards.AtAsync(project, now, ct)).Where(p => p.Any(g => g.UserId == me)).Select(p => p.Key));
        var token = candidates.FirstOrDefault(t => t.GuardUserId == me || mine.Contains(t.SecurityPostId))
            ?? throw ValidationException.For("code", "没有这个搜寻棒编码，请核对", "No token has this code; check it");
        token.Find(me, now);
        await db.SaveChangesAsync(ct);
        return token;
    }

    public IQueryable<HiddenToken> OfNight(DateOnly night, Guid? projectId)
    {
        var from = ChinaTime.StartOf(night).AddHours(12).ToUniversalTime();
        var to = from.AddDays(1);
        return db.Set<HiddenToken>()
            .AsNoTracking()
            .Where(t => t.HiddenAt >= from && t.HiddenAt < to && (projectId == null || t.ProjectId == projectId))
            .OrderByDescending(t => t.HiddenAt)
            .ThenBy(t => t.Id);
    }

    /// <summary>The posts of a month (China time) ranked by found rate, then by median minutes to find.</summary>
    public async Task<List<TokenRankLine>> RankingAsync(string? month, Guid? projectId, CancellationToken ct)
    {
        var first = MonthStart(month);
        var from = ChinaTime.StartOf(first).ToUniversalTime();
        var to = ChinaTime.StartOf(first.AddMonths(1)).ToUniversalTime();
        var now = clock.GetUtcNow();
        var tokens = await db.Set<HiddenToken>()
            .AsNoTracking()
            .Where(t => t.HiddenAt >= from && t.HiddenAt < to && (projectId == null || t.ProjectId == projectId))
            .OrderBy(t => t.Id)
            .Take(20000)
            .ToListAsync(ct);
        var lines = tokens
            .Where(t => t.FoundAt is not null || t.DueAt <= now)
            .GroupBy(t => (t.SecurityPostId, t.PostName))
            .Select(g =>
            {
                var found = g.Count(t => t.FoundAt is not null);
                return (
                    g.Key,
                    Hidden: g.Count(),
                    Found: found,
                    Rate: Math.Round(100.0 * found / g.Count(), 1),
                    Median: RollCallReads.Median([.. g.Where(t => t.MinutesToFind is not null).Select(t => t.MinutesToFind!.Value)])
                );
            })
            .OrderByDescending(l => l.Rate)
            .ThenBy(l => l.Median ?? double.MaxValue)
            .ThenBy(l => l.Key.PostName, StringComparer.Ordinal)
            .ToList();
        return
        [
            .. lines.Select((l, i) => new TokenRankLine(i + 1, l.Key.SecurityPostId, l.Key.PostName, l.Hidden, l.Found, l.Rate, l.Median)),
        ];
    }

    public DateOnly MonthStart(string? month)
    {
        if (month is null)
        {
            var today = ChinaTime.Today(clock);
            return new(today.Year, today.Month, 1);
        }
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw ValidationException.For("month", "月份格式应为 yyyy-MM，如 2026-11", "Use yyyy-MM, e.g. 2026-11");
        return d;
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/hidden-tokens").WithTags("Security");
        g.MapGet("/", async (HiddenTokenHandler h, WuyeDb db, TimeProvider clock, Guid? projectId, DateOnly? night, CancellationToken ct) =>
            {
                var now = clock.GetUtcNow();
                var list = await h.OfNight(night ?? RollCallReads.CurrentNight(clock), projectId).Take(500).ToListAsync(ct);
                // Place and code per token: only for a supervisor of the token's project.
                return TypedResults.Ok(
                    list.Select(t => Dto(t, now, SecurityRoles.MaySuperviseAt(db.Scope, t.CompanyId, t.ProjectId))).ToList()
                );
            })
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary(
                "The tokens hidden on a night (default the night under way); place and code only for the supervisor or once found"
            );
        g.MapPost(
                "/",
                async Task<Created<HiddenTokenDto>> (HiddenTokenHandler h, TimeProvider clock, HideTokenInput body, CancellationToken ct) =>
                {
                    var t = await h.HideAsync(body, ct);
                    return TypedResults.Created($"/api/v1/hidden-tokens/{t.Id}", Dto(t, clock.GetUtcNow(), true));
                }
            )
            .RequireRoles(SecurityRoles.Supervisors)
            .WithSummary("Record where a token was hidden for a post's guard; answers the code to write on it");
        g.MapPost("/found", async (HiddenTokenHandler h, TimeProvider clock, FoundTokenInput body, CancellationToken ct) =>
                TypedResults.Ok(Dto(await h.FindAsync(body, ct), clock.GetUtcNow(), false))
            )
            .RequireRoles(SecurityRoles.Guards)
            .WithSummary("The guard enters the code of the token they found (409 hidden_token.shift_over after the shift)");
        g.MapGet("/ranking", async (HiddenTokenHandler h, Guid? projectId, string? month, CancellationToken ct) =>
                TypedResults.Ok(await h.RankingAsync(month, projectId, ct))
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("The month's ranking of posts (yyyy-MM, default this month): hidden, found, found rate, median minutes to find");
    }
}
