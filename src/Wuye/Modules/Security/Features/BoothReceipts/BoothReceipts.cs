using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.BoothReceipts;

/// <summary>Booth receipts (万科#6): issue with the booth's next number, void at once, record paper receipts, the weekly
/// reconciliation with its gaps.</summary>
internal sealed class BoothReceiptHandler(
    WuyeDb db,
    TimeProvider clock,
    UserNames names,
    Microsoft.Extensions.Options.IOptions<SecurityOptions> options
)
{
    public const string Page = "/security/booth";
    public const string ReconciliationPage = "/security/booth/reconciliation";
    public DateOnly Today => ChinaTime.Today(clock);
    public TimeSpan VoidWindow => TimeSpan.FromMinutes(options.Value.ReceiptVoidMinutes);

    public static string MethodName(PayMethod m) =>
        m switch
        {
            PayMethod.Cash => Loc.T("现金", "Cash"),
            PayMethod.WeChat => Loc.T("微信", "WeChat Pay"),
            PayMethod.Alipay => Loc.T("支付宝", "Alipay"),
            _ => Loc.T("银行卡", "Card"),
        };

    public static BoothReceiptDto Dto(BoothReceipt r) =>
        new(
            r.Id,
            r.ProjectId,
            r.SecurityPostId,
            r.PostName,
            r.Serial,
            r.Number,
            r.Amount,
            r.Method,
            MethodName(r.Method),
            r.Plate,
            r.Source,
            r.IssuedAt,
            r.IssuedByName,
            r.VoidedAt is not null,
            r.VoidedAt,
            r.VoidedByName,
            r.VoidReason
        );

    /// <summary>The booths in the reader's scope: gate and car-park posts in use.</summary>
    public async Task<List<BoothDto>> BoothsAsync(CancellationToken ct)
    {
        var posts = await db.Set<SecurityPost>()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null && (p.Kind == PostKind.Gate || p.Kind == PostKind.CarPark))
            .OrderBy(p => p.ProjectId)
            .ThenBy(p => p.Name)
            .Take(200)
            .Select(p => new
            {
                p.Id,
                p.ProjectId,
                p.Name,
            })
            .ToListAsync(ct);
        var ids = posts.Select(p => p.ProjectId).Distinct().ToList();
        var projects = await db.ProjectRefs().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. posts.Select(p => new BoothDto(p.Id, p.ProjectId, p.Name, projects.GetValueOrDefault(p.ProjectId, "?")))];
    }

    public IQueryable<BoothReceipt> Query(Guid? projectId, Guid? postId, DateOnly? from, DateOnly? to, string? state)
    {
        var q = db.Set<BoothReceipt>()
            .AsNoTracking()
            .Where(r => (projectId == null || r.ProjectId == projectId) && (postId == null || r.SecurityPostId == postId));
        if (from is { } f)
        {
            var start = ChinaTime.StartOf(f).ToUniversalTime();
            q = q.Where(r => r.IssuedAt >= start);
        }
        if (to is { } t)
        {
            var end = ChinaTime.StartOf(t.AddDays(1)).ToUniversalTime();
            q = q.Where(r => r.IssuedAt < end);
        }
        q = state switch
        {
            "voided" => q.Where(r => r.VoidedAt != null),
            "valid" => q.Where(r => r.VoidedAt == null),
            _ => q,
        };
        return q.OrderByDescending(r => r.IssuedAt).ThenByDescending(r => r.Serial).ThenBy(r => r.Id);
    }

    public async Task<BoothReceipt> OneAsync(Guid id, CancellationToken ct) =>
        await db.Set<BoothReceipt>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct)
        ?? throw new NotFoundException("booth receipt");

    private async Task<SecurityPost> PostAsync(Guid? id, CancellationToken ct) =>
        await db.Set<SecurityPost>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct)
        ?? throw ValidationException.For("postId", "收费岗亭不存在或无权访问", "Booth not found, or not yours");

    /// <summary>Issues a receipt with the booth's next number, taken in this transaction: a receipt that fails gives its number
    /// back, so issued numbers follow each other without gaps.</summary>
    public async Task<BoothReceipt> IssueAsync(IssueReceiptInput input, CancellationToken ct)
    {
        var post = await PostAsync(input.PostId, ct);
        var by = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var name = await names.NameAsync(by, ct) ?? "?";
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var serial = await TakeAsync(post.Id, ct);
        var r = BoothReceipt.Issue(
            post,
            serial,
            input.Amount!.Value,
            input.Method!.Value,
            input.Plate,
            ReceiptSource.Issued,
            by,
            name,
            now
        );
        db.Add(r);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return r;
    }

    /// <summary>Records a paper receipt with its own number; the booth's counter moves past it, so the next issued number follows
    /// the highest one written (numbers skipped in between show as a gap).</summary>
    public async Task<BoothReceipt> RecordManualAsync(ManualReceiptInput input, CancellationToken ct)
    {
        var post = await PostAsync(input.PostId, ct);
        if (!SecurityRoles.MaySuperviseAt(db.Scope, post.CompanyId, post.ProjectId))
            throw new ForbiddenException("只有主管可以补录手工收据", "Only the supervisor records paper receipts");
        var now = clock.GetUtcNow();
        var at = ChinaTime.FromInput(input.IssuedAt)!.Value.ToUniversalTime();
        if (at > now || at < now.AddDays(-62))
            throw ValidationException.For(
                "issuedAt",
                "开票时间应在最近 62 天内且不晚于现在",
                "Issued within the last 62 days, not later than now"
            );
        var serial = input.Serial!.Value;
        if (await db.Set<BoothReceipt>().AnyAsync(r => r.SecurityPostId == post.Id && r.Serial == serial, ct))
            throw new RuleException(
                "booth_receipt.duplicate_serial",
                $"{post.Name} 的收据号 {BoothReceipt.FormatSerial(serial)} 已有记录",
                $"{post.Name} already has receipt {BoothReceipt.FormatSerial(serial)}"
            );
        var by = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var name = await names.NameAsync(by, ct) ?? "?";
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync(
            $"""
            insert into security.booth_receipt_counter as c (security_post_id, last_number) values ({post.Id}, {serial})
            on conflict (security_post_id) do update set last_number = greatest(c.last_number, {serial})
            """,
            ct
        );
        var r = BoothReceipt.Issue(post, serial, input.Amount!.Value, input.Method!.Value, input.Plate, ReceiptSource.Manual, by, name, at);
        db.Add(r);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return r;
    }

    private async Task<long> TakeAsync(Guid postId, CancellationToken ct) =>
        (
            await db
                .Database.SqlQuery<long>(
                    $"""
                    insert into security.booth_receipt_counter as c (security_post_id, last_number) values ({postId}, 1)
                    on conflict (security_post_id) do update set last_number = c.last_number + 1
                    returning c.last_number as "Value"
                    """
                )
                .ToListAsync(ct)
        ).Single();

    /// <summary>Voids a receipt on record: the booth guard at once (within Wuye:Security:ReceiptVoidMinutes), the supervisor of its
    /// project at any time.</summary>
    public async Task<BoothReceipt> VoidAsync(Guid id, VoidReceiptInput input, CancellationToken ct)
    {
        var r = await db.Set<BoothReceipt>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("booth receipt");
        var by = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        r.Void(
            input.Reason!,
            by,
            await names.NameAsync(by, ct) ?? "?",
            clock.GetUtcNow(),
            VoidWindow,
            SecurityRoles.MaySuperviseAt(db.Scope, r.CompanyId, r.ProjectId)
        );
        await db.SaveChangesAsync(ct);
        return r;
    }

    /// <summary>The Monday (China time) of the week holding <paramref name="day"/>.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The reconciliation of the week (Monday to Sunday, China time) holding <paramref name="day"/>: the week's receipts,
    /// totals by booth and method (voided ones left out), the voids, and each number of a booth's series found in no record
    /// between the highest number issued before the week and the week's highest.</summary>
    public async Task<ReconciliationDto> ReconcileAsync(Guid projectId, DateOnly day, CancellationToken ct)
    {
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var monday = WeekOf(day);
        var start = ChinaTime.StartOf(monday).ToUniversalTime();
        var end = ChinaTime.StartOf(monday.AddDays(7)).ToUniversalTime();
        var week = await db.Set<BoothReceipt>()
            .AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.IssuedAt >= start && r.IssuedAt < end)
            .OrderBy(r => r.PostName)
            .ThenBy(r => r.Serial)
            .ThenBy(r => r.Id)
            .ToListAsync(ct);
        var posts = week.Select(r => r.SecurityPostId).Distinct().ToList();
        var before = await db.Set<BoothReceipt>()
            .AsNoTracking()
            .Where(r => posts.Contains(r.SecurityPostId) && r.IssuedAt < start)
            .GroupBy(r => r.SecurityPostId)
            .Select(g => new { Post = g.Key, Max = g.Max(r => r.Serial) })
            .ToDictionaryAsync(x => x.Post, x => x.Max, ct);
        var lows = posts.ToDictionary(p => p, p => before.GetValueOrDefault(p));
        var highs = posts.ToDictionary(p => p, p => week.Where(r => r.SecurityPostId == p).Max(r => r.Serial));
        var known = await db.Set<BoothReceipt>()
            .AsNoTracking()
            .Where(r => posts.Contains(r.SecurityPostId))
            .Select(r => new { r.SecurityPostId, r.Serial })
            .ToListAsync(ct);
        var gaps = new List<GapDto>();
        foreach (var p in posts)
        {
            var name = week.First(r => r.SecurityPostId == p).PostName;
            var have = known
                .Where(k => k.SecurityPostId == p && k.Serial > lows[p] && k.Serial <= highs[p])
                .Select(k => k.Serial)
                .ToHashSet();
            long? open = null;
            for (var n = lows[p] + 1; n <= highs[p] + 1; n++)
            {
                var missing = n <= highs[p] && !have.Contains(n);
                if (missing && open is null)
                    open = n;
                else if (!missing && open is { } o)
                {
                    gaps.Add(Gap(p, name, o, n - 1));
                    open = null;
                }
            }
        }
        var valid = week.Where(r => r.VoidedAt is null).ToList();
        return new(
            project.Id,
            project.Name,
            monday,
            monday.AddDays(6),
            week.Count,
            week.Count - valid.Count,
            valid.Sum(r => r.Amount),
            [
                .. posts.Select(p =>
                {
                    var all = week.Where(r => r.SecurityPostId == p).ToList();
                    var ok = all.Where(r => r.VoidedAt is null).ToList();
                    return new BoothTotalDto(
                        p,
                        all[0].PostName,
                        all.Min(r => r.Serial),
                        all.Max(r => r.Serial),
                        all.Count,
                        all.Count - ok.Count,
                        ok.Sum(r => r.Amount),
                        Methods(ok)
                    );
                }),
            ],
            Methods(valid),
            [.. week.Where(r => r.VoidedAt is not null).Select(Dto)],
            gaps,
            [.. week.Select(Dto)]
        );
    }

    private static GapDto Gap(Guid post, string name, long from, long to) =>
        new(
            post,
            name,
            from,
            to,
            to - from + 1,
            from == to
                ? Loc.T($"{name} 缺号 {BoothReceipt.FormatSerial(from)}", $"{name}: {BoothReceipt.FormatSerial(from)} missing")
                : Loc.T(
                    $"{name} 缺号 {BoothReceipt.FormatSerial(from)}–{BoothReceipt.FormatSerial(to)}（{to - from + 1} 张）",
                    $"{name}: {BoothReceipt.FormatSerial(from)}–{BoothReceipt.FormatSerial(to)} missing ({to - from + 1})"
                )
        );

    private static List<MethodTotalDto> Methods(List<BoothReceipt> list) =>
        [
            .. list.GroupBy(r => r.Method)
                .OrderBy(g => g.Key)
                .Select(g => new MethodTotalDto(g.Key, MethodName(g.Key), g.Count(), g.Sum(r => r.Amount))),
        ];
}
