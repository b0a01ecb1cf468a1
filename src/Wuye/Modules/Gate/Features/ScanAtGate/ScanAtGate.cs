using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.ScanAtGate;

internal sealed record ScanInput(Guid? ProjectId, string? Payload, string? Code) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "门岗所在项目", "The gate's project");
        if (string.IsNullOrWhiteSpace(Payload) == string.IsNullOrWhiteSpace(Code))
            v.Add(
                "code",
                "请扫描通行证二维码，或输入二维码下方的 8 位码（二选一）",
                "Scan the pass's QR code or type its 8-character code (one)"
            );
        v.MaxLength("payload", Payload, 600, "二维码内容", "QR payload").MaxLength("code", Code, 8, "通行码", "Pass code");
    }
}

/// <summary>
/// A pass at the gate: the signature is checked with the project's public key (a made-up, altered or other project's pass is refused),
/// then the visitor goes in (a stay begins, one entry used) or, when inside, goes out (the stay ends).
/// </summary>
internal sealed class ScanAtGateHandler(WuyeDb db, TimeProvider clock, PassKeys keys)
{
    public async Task<ScanResultDto> ScanAsync(ScanInput input, CancellationToken ct)
    {
        var projectId = input.ProjectId!.Value;
        VisitorPass? pass;
        if (!string.IsNullOrWhiteSpace(input.Payload))
        {
            var claims = PassToken.Peek(input.Payload) ?? throw Forged();
            if (claims.ProjectId != projectId)
                throw new RuleException(
                    "visitor_pass.other_project",
                    "这是其他项目的通行证，不能在本门岗使用",
                    "This pass is another project's and is not valid at this gate"
                );
            var key = await keys.ExistingPublicKeyAsync(projectId, ct) ?? throw Forged();
            if (PassToken.Verify(input.Payload, key) is null)
                throw Forged();
            pass = await db.Set<VisitorPass>().FirstOrDefaultAsync(p => p.Id == claims.PassId && p.ProjectId == projectId, ct);
        }
        else
        {
            var code = input.Code!.Trim().ToUpperInvariant();
            pass = await db.Set<VisitorPass>().FirstOrDefaultAsync(p => p.ProjectId == projectId && p.Code == code, ct);
        }
        if (pass is null)
            throw ValidationException.For(
                string.IsNullOrWhiteSpace(input.Payload) ? "code" : "payload",
                "没有这张通行证，请核对",
                "No such pass; check it"
            );
        var user = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var now = clock.GetUtcNow();
        var open = await db.Set<GateEntry>().FirstOrDefaultAsync(e => e.VisitorPassId == pass.Id && e.OutAt == null, ct);
        string direction;
        if (open is not null)
        {
            open.Leave(now, user);
            direction = "out";
        }
        else
        {
            open = pass.Enter(now, user, string.IsNullOrWhiteSpace(input.Payload));
            db.Add(open);
            direction = "in";
        }
        await db.SaveChangesAsync(ct);
        var entry = (await PassViews.EntriesAsync(db, db.Set<GateEntry>().Where(e => e.Id == open.Id), ct))[0];
        var dto = (await PassViews.PassesAsync(db, db.Set<VisitorPass>().Where(p => p.Id == pass.Id), ct))[0];
        return new ScanResultDto(direction, entry, dto);
    }

    private static RuleException Forged() =>
        new(
            "visitor_pass.forged",
            "通行证无效：不是本项目签发的二维码，或已被篡改",
            "Invalid pass: not signed by this project, or altered"
        );

    public async Task<GateEntryDto> CheckOutAsync(Guid id, CancellationToken ct)
    {
        var entry = await db.Set<GateEntry>().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("gate entry");
        entry.Leave(clock.GetUtcNow(), db.Scope.UserId ?? Guid.Empty);
        await db.SaveChangesAsync(ct);
        return (await PassViews.EntriesAsync(db, db.Set<GateEntry>().Where(e => e.Id == id), ct))[0];
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/gate-entries", async (ScanAtGateHandler h, ScanInput body, CancellationToken ct) =>
                TypedResults.Ok(await h.ScanAsync(body, ct))
            )
            .WithTags("Gate")
            .RequireRoles(GateRoles.Console)
            .WithSummary(
                "A visitor pass at the gate (signed QR payload or typed code): checked in, or out when inside; refused when not valid"
            );
        api.MapPost("/gate-entries/{id:guid}/check-out", async (ScanAtGateHandler h, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await h.CheckOutAsync(id, ct))
            )
            .WithTags("Gate")
            .RequireRoles(GateRoles.Console)
            .WithSummary("Check a visitor out by hand (the pass left with them)");
    }
}
