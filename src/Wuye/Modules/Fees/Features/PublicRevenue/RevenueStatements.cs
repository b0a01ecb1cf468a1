using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.PublicRevenue;

internal sealed record NewStatement(Guid? ProjectId, int? Year, int? Half) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project").Required("year", Year, "年度", "Year").Required("half", Half, "半年", "Half");
        if (Year is { } y && (y < 2000 || y > 2100))
            v.Add("year", "年度不正确", "Not a valid year");
        if (Half is { } h && h is not (1 or 2))
            v.Add("half", "半年应为 1（上半年）或 2（下半年）", "The half is 1 (H1) or 2 (H2)");
    }
}

/// <summary>A correction: why, the ledger entries it voids and the ones it adds (dated in the statement's half year).</summary>
internal sealed record StatementCorrection(string? Reason, Guid[]? VoidEntryIds, NewRevenueEntry[]? Entries) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("reason", Reason, "更正原因", "Reason").MaxLength("reason", Reason, RevenueStatement.ReasonMax, "更正原因", "Reason");
        if ((Entries?.Length ?? 0) > 50)
            v.Add("entries", "一次最多补录 50 条", "At most 50 entries at a time");
        foreach (var (e, i) in (Entries ?? []).Select((e, i) => (e, i)))
            e.Validate(v, $"entries[{i}].");
    }
}

/// <summary>What a half year's statement would say from the ledger now (not saved): the manager's preview before publishing.</summary>
internal sealed record StatementDraft(
    Guid ProjectId,
    int Year,
    int Half,
    string Period,
    decimal Income,
    decimal Expense,
    decimal Net,
    decimal? SharePercent,
    decimal? OwnersShare,
    int EntryCount,
    List<StatementLine> Lines,
    bool Published,
    bool Ended
);

internal sealed record StatementReadDto(Guid UserId, string Name, DateTimeOffset ReadAt);

internal sealed record StatementReadsDto(Guid StatementId, int Version, int ReadCount, int Recipients, List<StatementReadDto> Readers);

/// <summary>
/// Half-yearly public-revenue statements (公共收益公示): GET /public-revenue/statements (staff: every version in scope with its
/// read count; owners and the committee: their projects' published ones), GET /statements/draft (the figures the ledger gives
/// now), POST /statements (publish: a frozen snapshot, owners and committee notified), POST /statements/{id}/corrections (the
/// next version, with its reason; the old one superseded), POST /statements/{id}/read and GET /statements/{id}/reads.
/// </summary>
internal sealed class RevenueStatementsHandler(
    WuyeDb db,
    TimeProvider clock,
    RevenueReads reads,
    RevenueLedgerHandler ledger,
    Notifier notifier
)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = PublicRevenueApi.Group(api);
        g.MapGet("/statements", async (RevenueReads reads, Guid? projectId, int? year, int? half, CancellationToken ct) =>
            {
                var q = await reads.VisibleAsync(ct);
                if (projectId is { } p)
                    q = q.Where(s => s.ProjectId == p);
                if (year is { } y)
                    q = q.Where(s => s.Year == y);
                if (half is { } h)
                    q = q.Where(s => s.Half == h);
                return TypedResults.Ok(await reads.DtosAsync(q, ct));
            })
            .RequireRoles([.. RevenueRoles.StaffReaders, .. RevenueRoles.OwnerReaders])
            .WithSummary("Public-revenue statements: staff see every version in scope, owners their projects' published ones");
        g.MapGet("/statements/{id:guid}", async (RevenueReads reads, Guid id, CancellationToken ct) =>
            {
                var q = (await reads.VisibleAsync(ct)).Where(s => s.Id == id);
                return (await reads.DtosAsync(q, ct)).FirstOrDefault() is { } dto ? dto : throw new NotFoundException("revenue_statement");
            })
            .RequireRoles([.. RevenueRoles.StaffReaders, .. RevenueRoles.OwnerReaders])
            .WithSummary("One version of a public-revenue statement, as frozen when published");
        g.MapGet("/statements/draft", async (RevenueStatementsHandler h, Guid? projectId, int? year, int? half, CancellationToken ct) =>
                TypedResults.Ok(await h.DraftAsync(new NewStatement(projectId, year, half), ct))
            )
            .RequireRoles(RevenueRoles.StaffReaders)
            .WithSummary("What the statement of a half year would say from the ledger now (not saved)");
        g.MapPost("/statements", async (RevenueStatementsHandler h, RevenueReads reads, NewStatement body, CancellationToken ct) =>
            {
                var s = await h.PublishAsync(body, ct);
                return TypedResults.Created(
                    $"/api/v1/public-revenue/statements/{s.Id}",
                    (await reads.DtosAsync((await reads.VisibleAsync(ct)).Where(x => x.Id == s.Id), ct))[0]
                );
            })
            .RequireRoles(RevenueRoles.Publishers)
            .WithSummary("Publish a half year's statement to the owners and the owners' committee: frozen from then on");
        g.MapPost(
                "/statements/{id:guid}/corrections",
                async (RevenueStatementsHandler h, RevenueReads reads, Guid id, StatementCorrection body, CancellationToken ct) =>
                {
                    var s = await h.CorrectAsync(id, body, ct);
                    return TypedResults.Created(
                        $"/api/v1/public-revenue/statements/{s.Id}",
                        (await reads.DtosAsync((await reads.VisibleAsync(ct)).Where(x => x.Id == s.Id), ct))[0]
                    );
                }
            )
            .RequireRoles(RevenueRoles.Publishers)
            .WithSummary("Correct a published statement: the next version with its reason; the old one stays, superseded");
        g.MapPost("/statements/{id:guid}/read", async (RevenueStatementsHandler h, Guid id, CancellationToken ct) =>
                TypedResults.Ok(new { firstTime = await h.ReadAsync(id, ct) })
            )
            .RequireRoles(RevenueRoles.OwnerReaders)
            .WithSummary("Record that I read this version of a statement (once)");
        g.MapGet("/statements/{id:guid}/reads", async (RevenueStatementsHandler h, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await h.ReadsAsync(id, ct))
            )
            .RequireRoles(RevenueRoles.StaffReaders)
            .WithSummary("Who read a version of a statement and when, against how many owners and committee members it went to");
    }

    private async Task<(Guid Company, Guid Project, HalfYear Period)> TargetAsync(NewStatement input, CancellationToken ct)
    {
        Validator.Check(input);
        var project = input.ProjectId!.Value;
        var company = await db.ProjectRefs().Where(p => p.Id == project).Select(p => (Guid?)p.CompanyId).FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在", "No such project");
        return (company, project, new HalfYear(input.Year!.Value, input.Half!.Value));
    }

    private async Task<List<(RevenueKind, RevenueCategory, decimal)>> LiveEntriesAsync(Guid project, HalfYear period, CancellationToken ct)
    {
        var (from, to) = (period.Start, period.End);
        var rows = await db.Set<RevenueEntry>()
            .AsNoTracking()
            .Where(e => e.ProjectId == project && e.Date >= from && e.Date <= to && e.VoidedAt == null)
            .Select(e => new
            {
                e.Kind,
                e.Category,
                e.Amount,
            })
            .ToListAsync(ct);
        return [.. rows.Select(e => (e.Kind, e.Category, e.Amount))];
    }

    private async Task<decimal> ShareAsync(Guid project, HalfYear period, CancellationToken ct) =>
        await reads.ShareOnAsync(project, period.End, ct)
        ?? throw new RuleException(
            "public_revenue.no_share",
            $"请先设置该项目的业主分成比例（在 {period.End:yyyy-MM-dd} 前生效）",
            $"Set the project's owners' share (effective by {period.End:yyyy-MM-dd}) first"
        );

    public async Task<StatementDraft> DraftAsync(NewStatement input, CancellationToken ct)
    {
        var (_, project, period) = await TargetAsync(input, ct);
        var entries = await LiveEntriesAsync(project, period, ct);
        var percent = await reads.ShareOnAsync(project, period.End, ct);
        var (income, expense, net, share, lines) = RevenueStatement.Compute(entries, percent ?? 0);
        return new StatementDraft(
            project,
            period.Year,
            period.Half,
            period.Text,
            income,
            expense,
            net,
            percent,
            percent is null ? null : share,
            entries.Count,
            lines,
            await reads.PublishedAsync(project, period, ct),
            ChinaTime.Today(clock) > period.End
        );
    }

    public async Task<RevenueStatement> PublishAsync(NewStatement input, CancellationToken ct)
    {
        var (company, project, period) = await TargetAsync(input, ct);
        var (userId, name) = await ledger.UserAsync(ct);
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        await reads.LockAsync(project, ct);
        if (await reads.PublishedAsync(project, period, ct))
            throw new RuleException(
                "public_revenue.already_published",
                $"{period.Text}的公示已发布；如需修改请更正",
                $"The statement of {period.Text} is already published; correct it instead"
            );
        var entries = await LiveEntriesAsync(project, period, ct);
        var s = RevenueStatement.Publish(
            company,
            project,
            period,
            1,
            entries,
            await ShareAsync(project, period, ct),
            null,
            userId,
            name,
            clock.GetUtcNow(),
            ChinaTime.Today(clock)
        );
        db.Add(s);
        await NotifyAsync(s, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return s;
    }

    public async Task<RevenueStatement> CorrectAsync(Guid id, StatementCorrection input, CancellationToken ct)
    {
        Validator.Check(input);
        var (userId, name) = await ledger.UserAsync(ct);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var old = await db.Set<RevenueStatement>().FirstOrDefaultAsync(s => s.Id == id, ct)
            ?? throw new NotFoundException("revenue_statement");
        await reads.LockAsync(old.ProjectId, ct);
        await db.Entry(old).ReloadAsync(ct);
        old.CheckCurrent();
        var period = old.Period;
        var nextId = Guid.CreateVersion7();
        var voids = (input.VoidEntryIds ?? []).Distinct().ToList();
        var toVoid = await db.Set<RevenueEntry>().Where(e => voids.Contains(e.Id)).ToListAsync(ct);
        if (toVoid.Count != voids.Count || toVoid.Any(e => e.ProjectId != old.ProjectId || e.Period != period))
            throw ValidationException.For(
                "voidEntryIds",
                "只能作废本期公示内的台账条目",
                "Only entries of this statement's half year can be voided"
            );
        foreach (var e in toVoid)
            e.Void(nextId, now);
        foreach (var (added, i) in (input.Entries ?? []).Select((e, i) => (e, i)))
        {
            if (HalfYear.Of(added.Date!.Value) != period)
                throw ValidationException.For(
                    $"entries[{i}].date",
                    $"补录条目的日期须在{period.Text}内",
                    $"The date must be in {period.Text}"
                );
            var e = new RevenueEntry
            {
                CompanyId = old.CompanyId,
                ProjectId = old.ProjectId,
                Counterparty = "",
                RecordedByUserId = userId,
                RecordedByName = name,
                AddedByStatementId = nextId,
            };
            await ledger.FillAsync(e, added, ct, correcting: true);
            db.Add(e);
        }
        await db.SaveChangesAsync(ct);
        var next = RevenueStatement.Publish(
            old.CompanyId,
            old.ProjectId,
            period,
            old.Edition + 1,
            await LiveEntriesAsync(old.ProjectId, period, ct),
            await ShareAsync(old.ProjectId, period, ct),
            input.Reason!.Trim(),
            userId,
            name,
            now,
            ChinaTime.Today(clock)
        );
        next.Id = nextId;
        old.SupersedeBy(next.Id, now);
        db.Add(next);
        await NotifyAsync(next, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return next;
    }

    /// <summary>The project's owners (current, with an account) and its owners' committee members.</summary>
    private async Task<List<Guid>> RecipientsAsync(Guid project, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var owners = await (
            from o in db.OccupantRefs().IgnoreQueryFilters()
            join p in db.PersonRefs().IgnoreQueryFilters() on o.PersonId equals p.Id
            where
                o.ProjectId == project && o.Relation == OccupantRelation.Owner && p.UserId != null && (o.Until == null || o.Until >= today)
            select p.UserId!.Value
        ).ToListAsync(ct);
        var committee = await db
            .RoleAssignments.IgnoreQueryFilters()
            .AsNoTracking()
            .Where(r => r.Role == Roles.OwnersCommittee && r.ProjectId == project)
            .Select(r => r.UserId)
            .ToListAsync(ct);
        return [.. owners.Concat(committee).Distinct()];
    }

    private async Task NotifyAsync(RevenueStatement s, CancellationToken ct)
    {
        var text = s.Period.Text;
        await notifier.NotifyAsync(
            await RecipientsAsync(s.ProjectId, ct),
            s.CompanyId,
            s.Edition == 1
                ? Loc.T($"{text}公共收益公示", $"Public revenue statement, {text}")
                : Loc.T(
                    $"{text}公共收益公示（更正第 {s.Edition} 版）",
                    $"Public revenue statement, {text} (corrected, version {s.Edition})"
                ),
            Loc.T(
                $"收入 ¥{Money.Text(s.Income)}，支出 ¥{Money.Text(s.Expense)}，业主分成 ¥{Money.Text(s.OwnersShare)}。",
                $"Income ¥{Money.Text(s.Income)}, expenses ¥{Money.Text(s.Expense)}, " + $"owners' share ¥{Money.Text(s.OwnersShare)}."
            ),
            // The owner's page of this version (in the app; the SMS and e-mail carry it as text): opening it leaves the receipt.
            $"/portal/public-revenue?id={s.Id}",
            $"revenue-statement:{s.Id:N}",
            ct
        );
    }

    /// <summary>True the first time this user reads this version. A receipt is the reader's own fact, written past the
    /// statement's project scope (an owner's grant is their unit), hence one plain insert that ignores a second copy.</summary>
    public async Task<bool> ReadAsync(Guid id, CancellationToken ct)
    {
        var me = db.Scope.UserId ?? throw new RuleException("public_revenue.no_user", "请先登录", "Sign in first");
        var keys = await (await reads.VisibleAsync(ct))
            .Where(s => s.Id == id)
            .Select(s => new { s.CompanyId, s.ProjectId })
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("revenue_statement");
        var rowId = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        return await db.Database.ExecuteSqlAsync(
                $"""
                insert into fees.statement_read (id, company_id, project_id, statement_id, user_id, read_at)
                values ({rowId}, {keys.CompanyId}, {keys.ProjectId}, {id}, {me}, {now})
                on conflict (statement_id, user_id) do nothing
                """,
                ct
            ) == 1;
    }

    public async Task<StatementReadsDto> ReadsAsync(Guid id, CancellationToken ct)
    {
        var s = await db.Set<RevenueStatement>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("revenue_statement");
        var rows = await db.Set<StatementRead>()
            .AsNoTracking()
            .Where(r => r.StatementId == id)
            .OrderBy(r => r.ReadAt)
            .ThenBy(r => r.Id)
            .Take(1000)
            .ToListAsync(ct);
        var ids = rows.Select(r => r.UserId).ToList();
        // The readers' names: a one-table query of the accounts the receipts name (owners' rows sit outside staff scopes).
        var names = await db
            .Users.IgnoreQueryFilters()
            .AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, Name = u.DisplayName ?? u.UserName })
            .ToDictionaryAsync(u => u.Id, u => u.Name ?? "", ct);
        var total = await db.Set<StatementRead>().CountAsync(r => r.StatementId == id, ct);
        return new StatementReadsDto(
            id,
            s.Edition,
            total,
            (await RecipientsAsync(s.ProjectId, ct)).Count,
            [.. rows.Select(r => new StatementReadDto(r.UserId, names.GetValueOrDefault(r.UserId, ""), r.ReadAt))]
        );
    }
}
