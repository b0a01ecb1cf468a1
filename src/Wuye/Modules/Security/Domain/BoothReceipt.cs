using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Domain;

/// <summary>How a parking fee was paid at the booth.</summary>
internal enum PayMethod
{
    Cash,
    WeChat,
    Alipay,
    Card,
}

/// <summary>Where a receipt's number came from: issued by Wuye (the booth's counter) or copied from a paper receipt book.</summary>
internal enum ReceiptSource
{
    Issued,
    Manual,
}

/// <summary>
/// 岗亭收费收据 (万科#6): a parking fee taken at a booth (a gate or car-park post), with the next number of the booth's series
/// (<see cref="BoothReceiptCounter"/>, taken in the receipt's transaction, so issued numbers follow each other without gaps). A receipt
/// the driver does not take is voided on record at once (reason, who, when); a paper receipt written while the system was down is
/// recorded with its own number (<see cref="ReceiptSource.Manual"/>), which is how a gap in a series can appear.
/// </summary>
internal sealed class BoothReceipt : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid SecurityPostId { get; set; }
    public required string PostName { get; set; }
    public long Serial { get; set; }
    public decimal Amount { get; set; }
    public PayMethod Method { get; set; }
    public string? Plate { get; set; }
    public ReceiptSource Source { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public Guid IssuedBy { get; set; }
    public required string IssuedByName { get; set; }
    public DateTimeOffset? VoidedAt { get; set; }
    public Guid? VoidedBy { get; set; }
    public string? VoidedByName { get; set; }
    public string? VoidReason { get; set; }

    /// <summary>"000123": the number as printed, within its booth's series.</summary>
    public string Number => FormatSerial(Serial);

    public static string FormatSerial(long serial) => serial.ToString("D6");

    public static BoothReceipt Issue(
        SecurityPost post,
        long serial,
        decimal amount,
        PayMethod method,
        string? plate,
        ReceiptSource source,
        Guid by,
        string byName,
        DateTimeOffset at
    )
    {
        if (post.Kind is not (PostKind.Gate or PostKind.CarPark) || post.ArchivedAt is not null)
            throw ValidationException.For(
                "postId",
                "该岗位不是在用的收费岗亭（门岗或车场岗）",
                "The post is not a booth in use (gate or car park)"
            );
        return new()
        {
            CompanyId = post.CompanyId,
            ProjectId = post.ProjectId,
            SecurityPostId = post.Id,
            PostName = post.Name,
            Serial = serial,
            Amount = amount,
            Method = method,
            Plate = string.IsNullOrWhiteSpace(plate) ? null : Plates.Normalize(plate),
            Source = source,
            IssuedAt = at.ToUniversalTime(),
            IssuedBy = by,
            IssuedByName = byName,
        };
    }

    /// <summary>Voids the receipt on record. The guard voids it at once (within <paramref name="window"/> of its issue); after that
    /// only the supervisor may (<paramref name="late"/>).</summary>
    public void Void(string reason, Guid by, string byName, DateTimeOffset now, TimeSpan window, bool late)
    {
        if (VoidedAt is not null)
            throw new RuleException(
                "booth_receipt.voided",
                $"收据 {PostName} {Number} 已于 {ChinaTime.Text(VoidedAt.Value)} 作废",
                $"Receipt {PostName} {Number} was voided at {ChinaTime.Text(VoidedAt.Value)}"
            );
        if (!late && now - IssuedAt > window)
            throw new RuleException(
                "booth_receipt.void_too_late",
                $"收据开出已超过 {window.TotalMinutes:0} 分钟，请由主管作废",
                $"The receipt was issued more than {window.TotalMinutes:0} minutes ago; the supervisor voids it"
            );
        VoidedAt = now.ToUniversalTime();
        VoidedBy = by;
        VoidedByName = byName;
        VoidReason = reason.Trim();
    }
}

/// <summary>
/// The last number a booth (a post) has issued. Taken in the receipt's transaction (the row stays locked until it commits), so
/// issued numbers follow each other without gaps. A working counter, not a business record (not audited).
/// </summary>
internal sealed class BoothReceiptCounter
{
    public Guid SecurityPostId { get; set; }
    public long LastNumber { get; set; }
}
