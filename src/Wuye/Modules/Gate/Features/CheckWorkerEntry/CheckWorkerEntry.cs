using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.RenovationSteps;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.CheckWorkerEntry;

internal sealed record EntryCheckInput(Guid? ProjectId, string? PermitCode, string? WorkerName, string? Payload = null) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "门岗所在项目", "The gate's project")
            .MaxLength("permitCode", PermitCode, 8, "施工许可证编码", "Permit code")
            .MaxLength("payload", Payload, 600, "许可证二维码内容", "Permit QR payload")
            .Required("workerName", WorkerName, "工人姓名", "Worker's name")
            .MaxLength("workerName", WorkerName, 50, "工人姓名", "Worker's name");
        if (string.IsNullOrWhiteSpace(PermitCode) == string.IsNullOrWhiteSpace(Payload))
            v.Add("permitCode", "请扫描施工许可证二维码，或输入许可证编码（二选一）", "Scan the permit's QR code or type its code (one)");
    }
}

internal sealed record EntryCheckDto(
    bool Allowed,
    string? Reason,
    string Message,
    DateTimeOffset? NextOpening,
    Guid RenovationId,
    string Hours,
    DateOnly StartDate,
    DateOnly EndDate
);

/// <summary>
/// A renovation worker at the gate: may they come in now? Only on a permit in force, within its dates, inside the project's
/// renovation hours on its working days. An attempt outside the hours is refused and recorded as a violation of that permit
/// (the owner is told); the answer says when they may come in.
/// </summary>
internal sealed class CheckWorkerEntryHandler(
    WuyeDb db,
    TimeProvider clock,
    IProjectCalendars calendars,
    IOptions<GateOptions> options,
    RenovationStepsHandler steps,
    PassKeys keys
)
{
    private static RuleException Forged() =>
        new(
            "permit.forged",
            "施工许可证二维码无效：不是本项目签发的，或已被篡改",
            "Invalid permit QR code: not signed by this project, or altered"
        );

    /// <summary>The permit a scanned QR payload names, once its signature is checked with the project's public key.</summary>
    private async Task<Renovation> ScannedAsync(Guid projectId, string payload, CancellationToken ct)
    {
        var claims = PermitToken.Peek(payload) ?? throw Forged();
        if (claims.ProjectId != projectId)
            throw new RuleException(
                "permit.other_project",
                "这是其他项目的施工许可证，不能在本门岗使用",
                "This permit is another project's and is not valid at this gate"
            );
        var key = await keys.ExistingPublicKeyAsync(projectId, ct) ?? throw Forged();
        if (PermitToken.Verify(payload, key) is null)
            throw Forged();
        return await db.Set<Renovation>()
            .FirstOrDefaultAsync(x => x.Id == claims.RenovationId && x.ProjectId == projectId && x.PermitCode == claims.PermitCode, ct)
            ?? throw ValidationException.For("payload", "本项目没有这个施工许可证", "No such permit in this project");
    }

    public async Task<RenovationHours> HoursAsync(Guid companyId, Guid projectId, CancellationToken ct)
    {
        var calendar = await calendars.ForProjectAsync(companyId, projectId, ct);
        return new RenovationHours(RenovationHours.Parse(options.Value.RenovationHours) ?? RenovationHours.Default, calendar.IsWorkingDay);
    }

    public async Task<EntryCheckDto> CheckAsync(EntryCheckInput input, CancellationToken ct)
    {
        Renovation r;
        if (!string.IsNullOrWhiteSpace(input.Payload))
            r = await ScannedAsync(input.ProjectId!.Value, input.Payload, ct);
        else
        {
            var code = input.PermitCode!.Trim().ToUpperInvariant();
            r = await db.Set<Renovation>().FirstOrDefaultAsync(x => x.ProjectId == input.ProjectId && x.PermitCode == code, ct)
                ?? throw ValidationException.For("permitCode", "本项目没有这个施工许可证", "No such permit in this project");
        }
        var now = clock.GetUtcNow();
        var hours = await HoursAsync(r.CompanyId, r.ProjectId, ct);
        var verdict = r.MayEnter(now, hours);
        var worker = input.WorkerName!.Trim();
        var next = verdict.NextOpening is { } n ? ChinaTime.Text(n) : null;
        var message = verdict.Reason switch
        {
            null => Loc.T($"可以进入：{worker}", $"May enter: {worker}"),
            "after_hours" => Loc.T(
                $"非装修施工时间（{hours.Text}，节假日除外），请在等候区等候" + (next is null ? "" : $"，{next} 后可进入"),
                $"Outside renovation hours ({hours.Text}, working days only); please wait" + (next is null ? "" : $", entry from {next}")
            ),
            "outside_dates" => Loc.T(
                $"不在施工许可期内（{r.StartDate:yyyy-MM-dd} 至 {r.EndDate:yyyy-MM-dd}）",
                $"Outside the permit's dates ({r.StartDate:yyyy-MM-dd} to {r.EndDate:yyyy-MM-dd})"
            ),
            _ => Loc.T(
                $"施工许可证不在有效状态（{RenovationText.State(r.State, true)}）",
                $"The permit is not in force ({RenovationText.State(r.State, false)})"
            ),
        };
        if (verdict.Reason == "after_hours")
        {
            var note = $"{worker} {ChinaTime.Text(now)} 非施工时间要求进场，已拒绝";
            db.Add(
                new RenovationEvent
                {
                    CompanyId = r.CompanyId,
                    ProjectId = r.ProjectId,
                    ZoneId = r.ZoneId,
                    UnitId = r.UnitId,
                    RenovationId = r.Id,
                    Action = "refused_after_hours",
                    From = r.State,
                    To = r.State,
                    Note = note,
                    By = db.Scope.UserId ?? Guid.Empty,
                    At = now,
                }
            );
            await steps.TellOwnersAsync(r, "装修违规：非施工时间进场被拒", note, ct);
            await db.SaveChangesAsync(ct);
        }
        return new EntryCheckDto(verdict.Allowed, verdict.Reason, message, verdict.NextOpening, r.Id, hours.Text, r.StartDate, r.EndDate);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/renovations/entry-checks", async (CheckWorkerEntryHandler h, EntryCheckInput body, CancellationToken ct) =>
                TypedResults.Ok(await h.CheckAsync(body, ct))
            )
            .WithTags("Gate")
            .RequireRoles(GateRoles.Console)
            .WithSummary(
                "May a renovation worker of this permit (permitCode, or the permit QR's signed payload) enter now? Refused outside hours"
            );
    }
}
