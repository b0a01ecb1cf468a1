using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.FeeAdjustments;

internal sealed record NewAdjustment(Guid? BillId, decimal? Amount, AdjustmentReason? Reason, string? ReasonText) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("billId", BillId, "账单", "Bill")
            .Required("amount", Amount, "金额", "Amount")
            .Required("reason", Reason, "减免类型", "Reason")
            .Required("reasonText", ReasonText, "说明", "Explanation")
            .MaxLength("reasonText", ReasonText, FeeAdjustment.ReasonTextMax, "说明", "Explanation");
        if (Amount is { } a && (a <= 0 || a > Payment.MaxAmount || a != Math.Round(a, 2)))
            v.Add("amount", "减免金额应大于 0，精确到分", "The amount must be more than 0, to the fen");
    }
}

internal sealed record AdjustmentDecision(string? Note) : IValidatable
{
    public void Validate(Validator v) => v.MaxLength("note", Note, 500, "意见", "Note");
}

internal sealed record AdjustmentDto(
    Guid Id,
    Guid ProjectId,
    Guid UnitId,
    string UnitLabel,
    Guid BillId,
    string PeriodText,
    decimal Amount,
    AdjustmentReason Reason,
    string ReasonText,
    AdjustmentStatus Status,
    Guid RequestedByUserId,
    string RequestedByName,
    DateTimeOffset RequestedAt,
    string? DecidedByName,
    DateTimeOffset? DecidedAt,
    string? DecisionNote,
    Guid? CreditNoteId
);

/// <summary>
/// /fee-adjustments: fee staff ask to reduce an issued bill (vacant unit, hardship, a service problem); a project or company
/// manager other than the asker approves or rejects. Approval issues a credit note (numbered JM…) that settles the bill's open
/// lines in the same transaction. Every step is in the audit history (WuyeDb) and the managers are told through the outbox.
/// </summary>
internal sealed class FeeAdjustmentsHandler(WuyeDb db, TimeProvider clock, UserNames names, Notifier notifier)
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/fee-adjustments").WithTags("Fees");
        group
            .MapGet(
                "/",
                (FeeAdjustmentsHandler h, Guid? projectId, AdjustmentStatus? status, int? page, int? pageSize, CancellationToken ct) =>
                    h.ListAsync(projectId, status, page, pageSize, ct)
            )
            .RequireRoles(FeeRoles.Readers)
            .WithSummary("Requests to reduce issued bills (减免), newest first, with their decision");
        group
            .MapPost("/", async (FeeAdjustmentsHandler h, NewAdjustment body, CancellationToken ct) =>
            {
                var a = await h.RequestAsync(body, ct);
                return TypedResults.Created($"/api/v1/fee-adjustments/{a.Id}", await h.OneAsync(a.Id, ct));
            })
            .RequireRoles(FeeRoles.Readers)
            .WithSummary("Ask to reduce an issued bill (vacant unit, hardship, service problem): a manager approves");
        group
            .MapPost("/{id:guid}/approve", async (FeeAdjustmentsHandler h, Guid id, AdjustmentDecision body, CancellationToken ct) =>
            {
                await h.DecideAsync(id, true, body.Note, ct);
                return TypedResults.Ok(await h.OneAsync(id, ct));
            })
            .RequireRoles(FeeRoles.Managers)
            .WithSummary("Approve a request (not one's own): a credit note settles the bill's open lines");
        group
            .MapPost("/{id:guid}/reject", async (FeeAdjustmentsHandler h, Guid id, AdjustmentDecision body, CancellationToken ct) =>
            {
                await h.DecideAsync(id, false, body.Note, ct);
                return TypedResults.Ok(await h.OneAsync(id, ct));
            })
            .RequireRoles(FeeRoles.Managers)
            .WithSummary("Reject a request (not one's own), saying why");
    }

    public async Task<FeeAdjustment> RequestAsync(NewAdjustment input, CancellationToken ct)
    {
        var bill = await db.Set<Bill>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == input.BillId, ct)
            ?? throw ValidationException.For("billId", "账单不存在或无权访问", "Bill not found, or not yours");
        var pending = await db.Set<FeeAdjustment>()
            .Where(a => a.BillId == bill.Id && a.Status == AdjustmentStatus.Pending)
            .SumAsync(a => a.Amount, ct);
        FeeAdjustment.CheckAmount(input.Amount!.Value, bill.Amount - bill.Paid - pending);
        var userId = db.Scope.UserId ?? throw new RuleException("fee_adjustment.no_user", "请先登录", "Sign in first");
        var now = clock.GetUtcNow();
        var a = new FeeAdjustment
        {
            CompanyId = bill.CompanyId,
            ProjectId = bill.ProjectId,
            ZoneId = bill.ZoneId,
            UnitId = bill.UnitId,
            BillId = bill.Id,
            Amount = input.Amount.Value,
            Reason = input.Reason!.Value,
            ReasonText = input.ReasonText!.Trim(),
            Status = AdjustmentStatus.Pending,
            RequestedByUserId = userId,
            RequestedByName = await names.NameAsync(userId, ct) ?? "?",
            RequestedAt = now,
        };
        db.Add(a);
        // The managers are read past the asker's scope (a desk clerk may not see their role rows); the asker is left out.
        var managers = new List<Guid>();
        foreach (var role in FeeRoles.Managers)
            managers.AddRange(await notifier.UsersWithRoleAsync(role, bill.CompanyId, bill.ProjectId, ct));
        managers.RemoveAll(m => m == userId);
        await notifier.NotifyAsync(
            managers,
            bill.CompanyId,
            Loc.T("减免申请待审批", "A fee reduction waits for approval"),
            Loc.T(
                $"{Periods.Text(bill.Period)} 账单申请减免 ¥{Money.Text(a.Amount)}（{FeeText.ReasonName(a.Reason)}）：{a.ReasonText}",
                $"¥{Money.Text(a.Amount)} off the {Periods.Text(bill.Period)} bill ({FeeText.ReasonName(a.Reason)}): {a.ReasonText}"
            ),
            "/fees/adjustments",
            $"fee-adjustment:{a.Id:N}",
            ct
        );
        await db.SaveChangesAsync(ct);
        return a;
    }

    public async Task DecideAsync(Guid id, bool approve, string? note, CancellationToken ct)
    {
        var userId = db.Scope.UserId ?? throw new RuleException("fee_adjustment.no_user", "请先登录", "Sign in first");
        var name = await names.NameAsync(userId, ct) ?? "?";
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var a = await db.Set<FeeAdjustment>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("fee adjustment");
        note = note?.Trim() is { Length: > 0 } n ? n : null;
        if (!approve)
        {
            a.Reject(userId, name, now, note);
            await TellAskerAsync(a, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return;
        }
        a.Approve(userId, name, now, note);
        // The bill's row is locked while its lines are settled, so a payment at the same moment waits for this one.
        await db.Database.ExecuteSqlAsync($"select 1 from fees.bill where id = {a.BillId} for update", ct);
        var bill = await db.Set<Bill>().Include(b => b.Lines).SingleAsync(b => b.Id == a.BillId, ct);
        FeeAdjustment.CheckAmount(a.Amount, bill.Amount - bill.Paid);
        var credit = new Payment
        {
            CompanyId = a.CompanyId,
            ProjectId = a.ProjectId,
            ZoneId = a.ZoneId,
            UnitId = a.UnitId,
            ReceiptNumber = "JM" + ChinaTime.ToChina(now).ToString("yyyyMMdd") + a.Id.ToString("N")[..8].ToUpperInvariant(),
            Method = PaymentMethod.CreditNote,
            Amount = a.Amount,
            PaidAt = now,
            ReceivedByUserId = userId,
            ReceivedByName = name,
            Note = Loc.T($"减免：{FeeText.ReasonName(a.Reason)}", $"Credit note: {FeeText.ReasonName(a.Reason)}"),
        };
        db.Add(credit);
        db.AddRange(credit.Allocate(bill.Lines.Select(l => (bill, l)), now));
        a.PaymentId = credit.Id;
        await TellAskerAsync(a, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private Task TellAskerAsync(FeeAdjustment a, CancellationToken ct) =>
        notifier.NotifyAsync(
            [a.RequestedByUserId],
            a.CompanyId,
            Loc.T($"减免申请{FeeText.StatusName(a.Status)}", $"Fee reduction {FeeText.StatusName(a.Status).ToLowerInvariant()}"),
            Loc.T(
                $"¥{Money.Text(a.Amount)}（{FeeText.ReasonName(a.Reason)}）{FeeText.StatusName(a.Status)}：{a.DecisionNote}",
                $"¥{Money.Text(a.Amount)} ({FeeText.ReasonName(a.Reason)}) {FeeText.StatusName(a.Status)}: {a.DecisionNote}"
            ),
            "/fees/adjustments?all=true",
            $"fee-adjustment-decided:{a.Id:N}",
            ct
        );

    private IQueryable<AdjustmentDto> Dtos(IQueryable<FeeAdjustment> q)
    {
        var labels = db.UnitLabels();
        var bills = db.Set<Bill>();
        return q.Select(a => new AdjustmentDto(
            a.Id,
            a.ProjectId,
            a.UnitId,
            labels.Where(u => u.Id == a.UnitId).Select(u => u.Label).FirstOrDefault() ?? "",
            a.BillId,
            bills.Where(b => b.Id == a.BillId).Select(b => b.Period).First().ToString(),
            a.Amount,
            a.Reason,
            a.ReasonText,
            a.Status,
            a.RequestedByUserId,
            a.RequestedByName,
            a.RequestedAt,
            a.DecidedByName,
            a.DecidedAt,
            a.DecisionNote,
            a.PaymentId
        ));
    }

    public async Task<AdjustmentDto> OneAsync(Guid id, CancellationToken ct) =>
        Fix(await Dtos(db.Set<FeeAdjustment>().AsNoTracking().Where(a => a.Id == id)).FirstOrDefaultAsync(ct))
        ?? throw new NotFoundException("fee adjustment");

    public async Task<Paged<AdjustmentDto>> ListAsync(
        Guid? projectId,
        AdjustmentStatus? status,
        int? page,
        int? pageSize,
        CancellationToken ct
    )
    {
        var q = db.Set<FeeAdjustment>().AsNoTracking();
        if (projectId is { } p)
            q = q.Where(a => a.ProjectId == p);
        if (status is { } s)
            q = q.Where(a => a.Status == s);
        var paged = await Dtos(q.OrderByDescending(a => a.RequestedAt).ThenBy(a => a.Id)).ToPagedAsync(page, pageSize, ct);
        return paged with { Items = [.. paged.Items.Select(x => Fix(x)!)] };
    }

    /// <summary>The period comes out of SQL as yyyyMM; shown as yyyy-MM.</summary>
    private static AdjustmentDto? Fix(AdjustmentDto? a) =>
        a is null ? null : a with { PeriodText = int.TryParse(a.PeriodText, out var p) ? Periods.Text(p) : a.PeriodText };
}
