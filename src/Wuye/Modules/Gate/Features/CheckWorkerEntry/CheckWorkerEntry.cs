using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.RenovationSteps;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.CheckWorkerEntry;

internal sealed record EntryCheckInput(Guid? ProjectId, string? PermitCode, string? WorkerName) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "门岗所在项目", "The gate's project")
            .Required("permitCode", PermitCode, "施工许可证编码", "Permit code")
            .MaxLength("permitCode", PermitCode, 8, "施工许可证编码", "Permit code")
            .Required("workerName", WorkerName, "工人姓名", "Worker's name")
            .MaxLength("workerName", WorkerName, 50, "工人姓名", "Worker's name");
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
    RenovationStepsHandler steps
)
{
    public async Task<RenovationHours> HoursAsync(Guid companyId, Guid projectId, CancellationToken ct)
    {
        var calendar = await calendars.ForProjectAsync(companyId, projectId, ct);
        return new RenovationHours(RenovationHours.Parse(options.Value.RenovationHours) ?? RenovationHours.Default, calendar.IsWorkingDay);
    }

    public async Task<EntryCheckDto> CheckAsync(EntryCheckInput input, CancellationToken ct)
    {
        var code = input.PermitCode!.Trim().ToUpperInvariant();
        var r = await db.Set<Renovation>().FirstOrDefaultAsync(x => x.ProjectId == input.ProjectId && x.PermitCode == code, ct)
            ?? throw ValidationException.For("permitCode", "本项目没有这个施工许可证", "No such permit in this project");
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
                "May a renovation worker of this permit enter now? Refused outside hours (recorded as a violation), with when they may"
            );
    }
}
