using Wuye.Modules.Security.Domain;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.BoothReceipts;

internal sealed record IssueReceiptInput(Guid? PostId, decimal? Amount, PayMethod? Method, string? Plate) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("postId", PostId, "收费岗亭", "Booth")
            .Required("amount", Amount, "金额", "Amount")
            .Range("amount", Amount, 0.01m, 9999.99m, "金额", "Amount")
            .Required("method", Method, "付款方式", "Payment method")
            .MaxLength("plate", Plate, 12, "车牌号", "Plate")
            .Plate("plate", Plate);
        if (Amount is { } a && decimal.Round(a, 2) != a)
            v.Add("amount", "金额最多两位小数", "The amount has at most two decimals");
    }
}

/// <summary>A paper receipt written at the booth while the system was down, recorded with its own number.</summary>
internal sealed record ManualReceiptInput(Guid? PostId, long? Serial, decimal? Amount, PayMethod? Method, string? Plate, DateTime? IssuedAt)
    : IValidatable
{
    public void Validate(Validator v)
    {
        new IssueReceiptInput(PostId, Amount, Method, Plate).Validate(v);
        v.Required("serial", Serial, "收据号", "Receipt number").Required("issuedAt", IssuedAt, "开票时间", "Issued at");
        if (Serial is < 1 or > 999_999)
            v.Add("serial", "收据号应在 1 到 999999 之间", "The receipt number is between 1 and 999999");
    }
}

internal sealed record VoidReceiptInput(string? Reason) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("reason", Reason, "作废原因", "Reason").MaxLength("reason", Reason, 200, "作废原因", "Reason");
}

internal sealed record BoothReceiptDto(
    Guid Id,
    Guid ProjectId,
    Guid PostId,
    string PostName,
    long Serial,
    string Number,
    decimal Amount,
    PayMethod Method,
    string MethodName,
    string? Plate,
    ReceiptSource Source,
    DateTimeOffset IssuedAt,
    string IssuedByName,
    bool Voided,
    DateTimeOffset? VoidedAt,
    string? VoidedByName,
    string? VoidReason
);

internal sealed record MethodTotalDto(PayMethod Method, string MethodName, int Count, decimal Total);

internal sealed record BoothTotalDto(
    Guid PostId,
    string PostName,
    long? FirstSerial,
    long? LastSerial,
    int Issued,
    int Voided,
    decimal Total,
    List<MethodTotalDto> Methods
);

/// <summary>Numbers of a booth's series found in no record: <see cref="From"/> to <see cref="To"/>, both missing.</summary>
internal sealed record GapDto(Guid PostId, string PostName, long From, long To, long Missing, string Text);

/// <summary>The week's reconciliation for finance (万科#6): receipts, totals by booth and by method (voided ones left out), the voids
/// and any gap in each booth's numbering.</summary>
internal sealed record ReconciliationDto(
    Guid ProjectId,
    string ProjectName,
    DateOnly From,
    DateOnly To,
    int Issued,
    int Voided,
    decimal Total,
    List<BoothTotalDto> Booths,
    List<MethodTotalDto> Methods,
    List<BoothReceiptDto> Voids,
    List<GapDto> Gaps,
    List<BoothReceiptDto> Receipts
);

/// <summary>A booth (a gate or car-park post) a guard may take fees at.</summary>
internal sealed record BoothDto(Guid Id, Guid ProjectId, string Name, string ProjectName);
