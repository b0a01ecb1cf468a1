using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Fees.Contracts;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.ListRenovations;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.RenovationSteps;

internal sealed record StepInput(string? Note, decimal? Amount, DateOnly? EndDate, Guid[]? DrawingIds = null, string? Signature = null)
    : IValidatable
{
    public void Validate(Validator v) =>
        v.MaxLength("note", Note, 500, "说明", "Note")
            .Range("amount", Amount, 0.01m, 1_000_000m, "金额", "Amount")
            .MaxLength("signature", Signature, 2_000_000, "签名", "Signature");
}

/// <summary>
/// The service center moves a renovation along: drawings approved or sent back, agreement signed, deposit paid, permit issued,
/// deductions for violations, postponement, acceptance, refund. The owner resubmits drawings and asks for acceptance. Each step is a
/// rule on the entity and a line of its history; the owner is told of every step.
/// </summary>
internal sealed class RenovationStepsHandler(
    WuyeDb db,
    TimeProvider clock,
    Notifier notifier,
    FileStore files,
    IOptions<GateOptions> options,
    IOneOffCharges charges
)
{
    /// <summary>The one-off fee item the deposit is collected as, in each project's fee items (收费项目).</summary>
    public const string DepositFeeName = "装修押金";

    public async Task<RenovationDto> StepAsync(Guid id, string step, StepInput input, CancellationToken ct)
    {
        if (step is not ("agreement-signatures" or "agreement"))
            return await MoveAsync(id, step, input, null, ct);
        // A signature is stored first (its file id goes with the step); a refused step takes it away again.
        var unitId = await db.Set<Renovation>().Where(x => x.Id == id).Select(x => (Guid?)x.UnitId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("renovation");
        var who = step == "agreement" ? "center" : "owner";
        var signature = await RenovationFiles.SaveSignatureAsync(files, input.Signature, $"agreement-{who}.png", null, unitId, ct);
        try
        {
            return await MoveAsync(id, step, input, signature.Id, ct);
        }
        catch
        {
            await files.DiscardAsync([signature.Id], CancellationToken.None);
            throw;
        }
    }

    private async Task<string> AgreementTextAsync(Guid id, CancellationToken ct)
    {
        var dto = await RenovationReads.OneAsync(db, id, ct);
        var project = await db.ProjectRefs().Where(p => p.Id == dto.ProjectId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        var hours = new RenovationHours(RenovationHours.Parse(options.Value.RenovationHours) ?? RenovationHours.Default, _ => true);
        return RenovationDocuments.RenovationDocuments.AgreementBody(dto, project, hours.Text);
    }

    private async Task<RenovationDto> MoveAsync(Guid id, string step, StepInput input, Guid? signatureId, CancellationToken ct)
    {
        var r = await db.Set<Renovation>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("renovation");
        var by = db.Scope.UserId ?? Guid.Empty;
        var now = clock.GetUtcNow();
        string Need(string? s, string field, string zh, string en) =>
            string.IsNullOrWhiteSpace(s) ? throw ValidationException.For(field, $"请填写{zh}", $"{en} is required") : s.Trim();
        decimal Money() => input.Amount ?? throw ValidationException.For("amount", "请填写金额", "Amount is required");
        if (step == "resubmissions" && input.DrawingIds is { Length: > 0 } given)
        {
            var drawings = given.Distinct().ToArray();
            if (drawings.Length > 20)
                throw ValidationException.For("drawingIds", "图纸最多 20 个文件", "At most 20 drawing files");
            // The same rule as the application: drawings the resubmitting user uploaded for this home.
            r.DrawingIds = await FileStore.RequireOwnAsync(
                db,
                drawings,
                FilePlace.Unit(r.CompanyId, r.ProjectId, r.UnitId),
                "drawingIds",
                ct
            );
        }
        var e = step switch
        {
            "drawing-approvals" => r.ApproveDrawings(by, now, input.Note),
            "change-requests" => r.AskChanges(by, now, Need(input.Note, "note", "修改意见", "What to change")),
            "resubmissions" => r.Resubmit(by, now, input.Note),
            "agreement-signatures" => r.OwnerSigns(
                signatureId!.Value,
                RenovationDocuments.RenovationDocuments.AgreementVersion,
                await AgreementTextAsync(id, ct),
                by,
                now
            ),
            "agreement" => r.SignAgreement(signatureId!.Value, by, now),
            "fees" => r.PayFees(Money(), by, now),
            "permit" => r.IssuePermit(PassViews.NewCode(), by, now),
            "deductions" => r.Deduct(Money(), Need(input.Note, "note", "违规事项", "The violation"), by, now),
            "postponements" => r.Postpone(
                input.EndDate ?? throw ValidationException.For("endDate", "请填写新的完工日期", "The new end date is required"),
                Need(input.Note, "note", "延期原因", "The reason"),
                by,
                now
            ),
            "acceptance-requests" => r.RequestAcceptance(by, now),
            "acceptances" => r.Accept(true, input.Note, by, now),
            "failures" => r.Accept(false, Need(input.Note, "note", "不合格原因", "Why it failed"), by, now),
            "refund" => r.Refund(by, now),
            _ => throw new NotFoundException("renovation step"),
        };
        // The deposit is money: collected (a receipt) and refunded (a negative receipt) by fees, in this step's transaction.
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        if (step == "fees")
        {
            var receipt = await charges.CollectAsync(r.UnitId, r.Id, DepositFeeName, r.Deposit, ct);
            e.Note = $"押金收据 {receipt.ReceiptNumber}";
        }
        else if (step == "refund" && await charges.RefundAsync(r.Id, r.Refunded ?? 0, "装修押金退还", ct) is { } back)
            e.Note = $"退款凭证 {back.ReceiptNumber}";
        db.Add(e);
        await TellOwnersAsync(r, $"装修进度：{RenovationText.Action(e.Action, true)}", e.Note, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await RenovationReads.OneAsync(db, id, ct);
    }

    /// <summary>Queues a note to the people with accounts living in the renovated home.</summary>
    public async Task TellOwnersAsync(Renovation r, string title, string? note, CancellationToken ct)
    {
        var owners = await db.Set<Renovation>().Where(x => x.Id == r.Id).Select(x => x.AppliedBy).ToListAsync(ct);
        await notifier.NotifyAsync(
            owners.Where(o => o != Guid.Empty),
            r.CompanyId,
            title,
            $"{title}。{note}（当前状态：{RenovationText.State(r.State, true)}）",
            "/portal/renovations",
            null,
            ct
        );
    }

    private static readonly (string Step, string[] Roles, string Summary)[] Steps =
    [
        ("drawing-approvals", GateRoles.Desk, "Approve the drawings"),
        ("change-requests", GateRoles.Desk, "Send the drawings back for changes {note}"),
        ("resubmissions", GateRoles.Owners, "The owner resubmits changed drawings"),
        ("agreement-signatures", GateRoles.Owners, "The owner signs the 《装修管理协议》 on the phone {signature: PNG data URL}"),
        ("agreement", GateRoles.Desk, "The service center signs the 《装修管理协议》 after the owner {signature: PNG data URL}"),
        ("fees", GateRoles.Desk, "Record the deposit paid {amount}"),
        ("permit", GateRoles.Desk, "Issue the permit (its code binds workers' passes)"),
        ("deductions", GateRoles.Desk, "Deduct from the deposit for a violation {amount, note}"),
        ("postponements", GateRoles.Desk, "Postpone the end date {endDate, note}"),
        ("acceptance-requests", [.. GateRoles.Owners, .. GateRoles.Desk], "Ask for acceptance"),
        ("acceptances", GateRoles.Desk, "Accept the finished work"),
        ("failures", GateRoles.Desk, "Fail the acceptance {note}"),
        ("refund", GateRoles.Desk, "Refund the deposit less deductions (only once accepted)"),
    ];

    /// <summary>Whether the desk may take this step (the page's check; the API's is each step's roles).</summary>
    public static bool DeskStep(string step) => Steps.Any(s => s.Step == step && s.Roles.Any(GateRoles.Desk.Contains));

    public static void Map(RouteGroupBuilder api)
    {
        foreach (var (step, roles, summary) in Steps)
            api.MapPost("/renovations/{id:guid}/" + step, async (RenovationStepsHandler h, Guid id, StepInput body, CancellationToken ct) =>
                    TypedResults.Ok(await h.StepAsync(id, step, body, ct))
                )
                .WithTags("Gate")
                .RequireRoles(roles)
                .WithSummary(summary);
    }
}
