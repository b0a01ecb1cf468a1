using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.Pledges;

internal sealed record PledgeInput(
    Guid? ProjectId,
    Guid? RegisteredWorkerId,
    string? WorkerName,
    string? Phone,
    string? Work,
    string? Signature
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .MaxLength("workerName", WorkerName, 50, "姓名", "Name")
            .Required("work", Work, "作业内容", "The work")
            .MaxLength("work", Work, 200, "作业内容", "The work")
            .Required("signature", Signature, "签名", "Signature");
        if (RegisteredWorkerId is null && string.IsNullOrWhiteSpace(WorkerName))
            v.Add("workerName", "请填写姓名或选择登记人员", "Give the name or pick a registered worker");
        if (!string.IsNullOrWhiteSpace(Phone))
            v.Phone("phone", Phone.Trim());
    }
}

internal sealed record PledgeDto(
    Guid Id,
    Guid ProjectId,
    Guid? RegisteredWorkerId,
    string WorkerName,
    string? Phone,
    string Work,
    string PledgeVersion,
    string PledgeText,
    Guid SignatureId,
    DateOnly Day,
    DateTimeOffset SignedAt
);

/// <summary>
/// 高空作业承诺: an installer signs the pledge at the gate — the signature drawn on the phone is stored as a PNG image with the pledge's
/// text and version; the day's pledges of a project are listed (and printed) for any day.
/// </summary>
internal sealed class PledgesHandler(WuyeDb db, TimeProvider clock, FileStore files)
{
    public async Task<PledgeDto> SignAsync(PledgeInput input, CancellationToken ct)
    {
        var project = await db.ProjectRefs().Where(p => p.Id == input.ProjectId).FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        RegisteredWorker? w = null;
        if (input.RegisteredWorkerId is { } wid)
            w = await db.Set<RegisteredWorker>().FirstOrDefaultAsync(x => x.Id == wid && x.ProjectId == project.Id, ct)
                ?? throw ValidationException.For(
                    "registeredWorkerId",
                    "本项目没有这个登记人员",
                    "No such registered worker in this project"
                );
        var today = ChinaTime.Today(clock);
        var signature = await RenovationFiles.SaveSignatureAsync(files, input.Signature, "pledge-signature.png", project.Id, null, ct);
        var p = new HeightWorkPledge
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            ZoneId = w?.ZoneId,
            UnitId = w?.UnitId,
            RegisteredWorkerId = w?.Id,
            WorkerName = w?.Name ?? input.WorkerName!.Trim(),
            Phone = string.IsNullOrWhiteSpace(input.Phone) ? w?.Phone : input.Phone.Trim(),
            Work = input.Work!.Trim(),
            PledgeVersion = Pledge.Version,
            PledgeText = Pledge.Text,
            SignatureId = signature.Id,
            Day = today,
            SignedAt = clock.GetUtcNow(),
            WitnessedBy = db.Scope.UserId ?? Guid.Empty,
        };
        db.Add(p);
        await db.SaveChangesAsync(ct);
        return ToDto(p);
    }

    public static PledgeDto ToDto(HeightWorkPledge p) =>
        new(
            p.Id,
            p.ProjectId,
            p.RegisteredWorkerId,
            p.WorkerName,
            Mask.Phone(p.Phone),
            p.Work,
            p.PledgeVersion,
            p.PledgeText,
            p.SignatureId,
            p.Day,
            p.SignedAt
        );

    public static async Task<List<PledgeDto>> OfDayAsync(WuyeDb db, Guid projectId, DateOnly day, CancellationToken ct) =>
        [
            .. (
                await db.Set<HeightWorkPledge>()
                    .AsNoTracking()
                    .Where(p => p.ProjectId == projectId && p.Day == day)
                    .OrderBy(p => p.SignedAt)
                    .ThenBy(p => p.Id)
                    .Take(200)
                    .ToListAsync(ct)
            ).Select(ToDto),
        ];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/height-work-pledges").WithTags("Gate");
        g.MapPost("/", async Task<Created<PledgeDto>> (PledgesHandler h, PledgeInput body, CancellationToken ct) =>
            {
                var p = await h.SignAsync(body, ct);
                return TypedResults.Created($"/api/v1/height-work-pledges/{p.Id}", p);
            })
            .RequireRoles(GateRoles.Registrars)
            .WithSummary(
                "A height worker signs today's pledge {projectId, registeredWorkerId | workerName, phone, work, signature: PNG data URL}"
            );
        g.MapGet("/", async (WuyeDb db, Guid projectId, DateOnly? date, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await OfDayAsync(db, projectId, date ?? ChinaTime.Today(clock), ct))
            )
            .RequireRoles(GateRoles.Readers)
            .WithSummary("The pledges signed in a project on a day (default today), each with its text, version and signature image");
    }
}
