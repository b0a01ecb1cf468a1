using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.Shared;

internal sealed record SupervisionDay(Guid ProjectId, string ProjectName, DateOnly Day, int Checks, bool MeetsTwiceDaily);

internal sealed record WeeklyReportDto(
    Guid Id,
    Guid ProjectId,
    DateOnly WeekStart,
    DateTimeOffset DueAt,
    DateTimeOffset SubmittedAt,
    bool Late,
    int SignedHouseholds,
    int UnsignedHouseholds,
    string Problems
);
