using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.PublicRevenue;

/// <summary>A ledger entry as entered (a new one names its project; a change keeps it).</summary>
internal sealed record NewRevenueEntry(
    Guid? ProjectId,
    RevenueCategory? Category,
    DateOnly? Date,
    decimal? Amount,
    string? Counterparty,
    string? Note,
    Guid[]? AttachmentIds
) : IValidatable
{
    public void Validate(Validator v) => Validate(v, "");

    /// <summary>The rules with each field named under <paramref name="prefix"/> (an entry inside a correction).</summary>
    public void Validate(Validator v, string prefix)
    {
        v.Required(prefix + "category", Category, "类别", "Category")
            .Required(prefix + "date", Date, "日期", "Date")
            .Required(prefix + "amount", Amount, "金额", "Amount")
            .Required(prefix + "counterparty", Counterparty, "对方单位/个人", "Counterparty")
            .MaxLength(prefix + "counterparty", Counterparty, RevenueEntry.CounterpartyMax, "对方单位/个人", "Counterparty")
            .MaxLength(prefix + "note", Note, RevenueEntry.NoteMax, "备注", "Note");
        if (Amount is { } a && (a <= 0 || a > RevenueEntry.MaxAmount || a != Math.Round(a, 2)))
            v.Add(prefix + "amount", "金额应大于 0，精确到分", "The amount must be more than 0, to the fen");
        if (AttachmentIds is { Length: > 10 })
            v.Add(prefix + "attachmentIds", "附件最多 10 个", "At most 10 attachments");
    }
}

internal sealed record NewOwnerShare(Guid? ProjectId, decimal? Percent, DateOnly? EffectiveFrom, string? Note) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("percent", Percent, "业主分成比例", "Owners' share")
            .Required("effectiveFrom", EffectiveFrom, "生效日期", "Effective from")
            .MaxLength("note", Note, 200, "备注", "Note");
        if (Percent is { } p && (p < 0 || p > 100 || p != Math.Round(p, 2)))
            v.Add("percent", "比例应在 0 到 100 之间，最多两位小数", "The share is between 0 and 100, with at most two decimals");
    }
}

/// <summary>
/// The public-revenue ledger (公共收益台账) of a project: GET/POST /public-revenue/entries, PUT/DELETE /entries/{id} (only while
/// the entry's half year is unpublished), and the owners' share with its history (GET/POST /public-revenue/share-settings).
/// </summary>
internal sealed class RevenueLedgerHandler(WuyeDb db, TimeProvider clock, UserNames names, RevenueReads reads)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = PublicRevenueApi.Group(api);
        g.MapGet("/entries", async (WuyeDb db, Guid? projectId, int? year, int? half, int? page, int? pageSize, CancellationToken ct) =>
            {
                var q = db.Set<RevenueEntry>().AsNoTracking();
                if (projectId is { } p)
                    q = q.Where(e => e.ProjectId == p);
                if (year is { } y && half is 1 or 2)
                {
                    var (from, to) = (new HalfYear(y, half.Value).Start, new HalfYear(y, half.Value).End);
                    q = q.Where(e => e.Date >= from && e.Date <= to);
                }
                else if (year is { } y2)
                    q = q.Where(e => e.Date.Year == y2);
                return TypedResults.Ok(
                    await Paging.ToPagedAsync(
                        RevenueReads.EntryDtos(q.OrderByDescending(e => e.Date).ThenByDescending(e => e.Id)),
                        page,
                        pageSize,
                        ct
                    )
                );
            })
            .RequireRoles(RevenueRoles.StaffReaders)
            .WithSummary("The public-revenue ledger: income and expenses of the projects in scope, newest first");
        g.MapPost("/entries", async (RevenueLedgerHandler h, NewRevenueEntry body, CancellationToken ct) =>
            {
                var e = await h.AddAsync(body, ct);
                return TypedResults.Created($"/api/v1/public-revenue/entries/{e.Id}", await h.EntryAsync(e.Id, ct));
            })
            .RequireRoles(RevenueRoles.Recorders)
            .WithSummary("Enter income or an expense in the ledger; refused in a published half year");
        g.MapPut("/entries/{id:guid}", async (RevenueLedgerHandler h, Guid id, NewRevenueEntry body, CancellationToken ct) =>
            {
                await h.ChangeAsync(id, body, ct);
                return TypedResults.Ok(await h.EntryAsync(id, ct));
            })
            .RequireRoles(RevenueRoles.Recorders)
            .WithSummary("Change a ledger entry; refused once its half year is published");
        g.MapDelete("/entries/{id:guid}", async (RevenueLedgerHandler h, Guid id, CancellationToken ct) =>
            {
                await h.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequireRoles(RevenueRoles.Recorders)
            .WithSummary("Delete a ledger entry entered by mistake; refused once its half year is published");

        g.MapGet("/share-settings", async (WuyeDb db, Guid? projectId, CancellationToken ct) =>
            {
                var q = db.Set<OwnerShareSetting>().AsNoTracking();
                if (projectId is { } p)
                    q = q.Where(s => s.ProjectId == p);
                return TypedResults.Ok(
                    await q.OrderByDescending(s => s.EffectiveFrom)
                        .ThenByDescending(s => s.CreatedAt)
                        .Take(200)
                        .Select(s => new OwnerShareDto(s.Id, s.ProjectId, s.Percent, s.EffectiveFrom, s.Note, s.SetByName, s.CreatedAt))
                        .ToListAsync(ct)
                );
            })
            .RequireRoles(RevenueRoles.StaffReaders)
            .WithSummary("The owners' share of each project's public revenue, with its history");
        g.MapPost("/share-settings", async (RevenueLedgerHandler h, NewOwnerShare body, CancellationToken ct) =>
            {
                var s = await h.SetShareAsync(body, ct);
                return TypedResults.Created(
                    $"/api/v1/public-revenue/share-settings?projectId={s.ProjectId}",
                    new OwnerShareDto(s.Id, s.ProjectId, s.Percent, s.EffectiveFrom, s.Note, s.SetByName, s.CreatedAt)
                );
            })
            .RequireRoles(RevenueRoles.Publishers)
            .WithSummary("Set the owners' share of a project's public revenue from a date (a new row: the history stays)");
    }

    public Task<RevenueEntryDto> EntryAsync(Guid id, CancellationToken ct) =>
        RevenueReads.EntryDtos(db.Set<RevenueEntry>().AsNoTracking().Where(e => e.Id == id)).FirstAsync(ct);

    private async Task<(Guid Company, Guid Project)> ProjectAsync(Guid? projectId, CancellationToken ct)
    {
        if (projectId is not { } id)
            throw ValidationException.For("projectId", "请选择项目", "Choose a project");
        var company = await db.ProjectRefs().Where(p => p.Id == id).Select(p => (Guid?)p.CompanyId).FirstOrDefaultAsync(ct);
        return company is { } c ? (c, id) : throw ValidationException.For("projectId", "项目不存在", "No such project");
    }

    public async Task<RevenueEntry> AddAsync(NewRevenueEntry input, CancellationToken ct)
    {
        Validator.Check(input);
        var (company, project) = await ProjectAsync(input.ProjectId, ct);
        var (userId, name) = await UserAsync(ct);
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var e = new RevenueEntry
        {
            CompanyId = company,
            ProjectId = project,
            Counterparty = "",
            RecordedByUserId = userId,
            RecordedByName = name,
        };
        await FillAsync(e, input, ct);
        db.Add(e);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return e;
    }

    public async Task ChangeAsync(Guid id, NewRevenueEntry input, CancellationToken ct)
    {
        Validator.Check(input);
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var e = await db.Set<RevenueEntry>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("revenue_entry");
        await reads.LockAsync(e.ProjectId, ct);
        RevenueEntry.CheckOpen(e.Period, await reads.PublishedAsync(e.ProjectId, e.Period, ct));
        await FillAsync(e, input, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task DeleteAsync(Guid id, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var e = await db.Set<RevenueEntry>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("revenue_entry");
        await reads.LockAsync(e.ProjectId, ct);
        RevenueEntry.CheckOpen(e.Period, await reads.PublishedAsync(e.ProjectId, e.Period, ct));
        db.Remove(e);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Sets the entry's fields; the new date's half year must be open too. Call inside the transaction.</summary>
    public async Task FillAsync(RevenueEntry e, NewRevenueEntry input, CancellationToken ct, bool correcting = false)
    {
        var date = input.Date!.Value;
        if (date > ChinaTime.Today(clock))
            throw ValidationException.For("date", "日期不能晚于今天", "The date cannot be after today");
        if (!correcting)
        {
            await reads.LockAsync(e.ProjectId, ct);
            RevenueEntry.CheckOpen(HalfYear.Of(date), await reads.PublishedAsync(e.ProjectId, HalfYear.Of(date), ct));
        }
        e.Category = input.Category!.Value;
        e.Kind = RevenueEntry.KindOf(e.Category);
        e.Date = date;
        e.Amount = input.Amount!.Value;
        e.Counterparty = input.Counterparty!.Trim();
        e.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        var keep = e.AttachmentIds.ToHashSet();
        var added = (input.AttachmentIds ?? []).Where(a => !keep.Contains(a));
        await FileStore.RequireOwnAsync(db, added, FilePlace.Project(e.CompanyId, e.ProjectId), "attachmentIds", ct);
        e.AttachmentIds = [.. (input.AttachmentIds ?? []).Distinct()];
    }

    public async Task<OwnerShareSetting> SetShareAsync(NewOwnerShare input, CancellationToken ct)
    {
        Validator.Check(input);
        var (company, project) = await ProjectAsync(input.ProjectId, ct);
        var (userId, name) = await UserAsync(ct);
        var s = new OwnerShareSetting
        {
            CompanyId = company,
            ProjectId = project,
            Percent = input.Percent!.Value,
            EffectiveFrom = input.EffectiveFrom!.Value,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            SetByUserId = userId,
            SetByName = name,
        };
        db.Add(s);
        await db.SaveChangesAsync(ct);
        return s;
    }

    public async Task<(Guid Id, string Name)> UserAsync(CancellationToken ct)
    {
        var userId = db.Scope.UserId ?? throw new RuleException("public_revenue.no_user", "请先登录", "Sign in first");
        return (userId, await names.NameAsync(userId, ct) ?? "?");
    }
}
