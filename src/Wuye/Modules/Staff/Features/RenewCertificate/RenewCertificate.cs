using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.RenewCertificate;

internal sealed record RenewInput(string? Number, DateOnly? IssuedOn, DateOnly? ExpiresOn, uint? Version) : IValidatable
{
    public void Validate(Validator v) =>
        v.MaxLength("number", Number, 50, "证书编号", "Certificate number")
            .Required("issuedOn", IssuedOn, "发证（复审）日期", "Issue (review) date")
            .Required("expiresOn", ExpiresOn, "有效期至", "Valid until");
}

/// <summary>POST /certificates/{id}/renew: 复审/换证, the certificate runs to a later day.</summary>
internal sealed class RenewCertificateHandler(WuyeDb db, TimeProvider clock, IOptions<StaffOptions> options)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/certificates")
            .WithTags("Staff")
            .MapPost(
                "/{id:guid}/renew",
                async Task<Ok<CertificateDto>> (RenewCertificateHandler handler, Guid id, RenewInput body, CancellationToken ct) =>
                    TypedResults.Ok(await handler.HandleAsync(id, body, ct))
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Renew a certificate (a later expiry, optionally a new number)");

    public async Task<CertificateDto> HandleAsync(Guid id, RenewInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var certificate = await db.Set<Certificate>().FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new NotFoundException("certificate");
        if (input.Version is { } v && v != certificate.Version)
            throw new RuleException(
                "concurrency",
                "记录已被他人修改，请刷新后重试",
                "Someone else changed this record; reload and try again"
            );
        var today = ChinaTime.Today(clock);
        certificate.Renew(input.Number, input.IssuedOn!.Value, input.ExpiresOn!.Value, today);
        await db.SaveChangesAsync(ct);
        return (await CertificateViews.ToDtosAsync(db, [certificate], today, options.Value.CertificateRemindDays, ct))[0];
    }
}
