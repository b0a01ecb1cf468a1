using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Contracts;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.NoticeAttachments;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;
using Wuye.Platform.Files;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Seed;

/// <summary>
/// Each project's notice board: this month's work plan (写字楼 #8) pinned, a fire-safety notice, last month's
/// water outage (an expired emergency), a staff notice and a draft; receipts from part of each notice's recipients
/// (the recipients and the read rates are the app's own count). The demo owner has read the fire-safety notice only, which
/// carries the inspection schedule as a PDF attachment (stored through the file store, as an upload is).
/// </summary>
internal sealed class CareDemoData(TimeProvider clock, NoticeRecipients recipients, FileStore files) : IDemoDataContributor
{
    public int Order => 80;

    public async Task SeedAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var rng = ctx.Random;
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.CompanyId })
            .ToListAsync(ct);
        var owner = await db.Users.Where(u => u.UserName == "owner").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        foreach (var p in ctx.Size == "small" ? projects : projects.Take(5).ToList())
        {
            var author = await db
                .RoleAssignments.Where(r => r.ProjectId == p.Id && CareRoles.Publishers.Contains(r.Role))
                .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => u.DisplayName ?? u.UserName)
                .OrderBy(n => n)
                .FirstOrDefaultAsync(ct);
            Notice Make(NoticeKind kind, NoticeAudience audience, string title, string body, int daysAgo, int? validDays) =>
                new()
                {
                    CompanyId = p.CompanyId,
                    ProjectId = p.Id,
                    Title = title,
                    Body = body,
                    Kind = kind,
                    Audience = audience,
                    AuthorName = author ?? "客服中心",
                    Status = NoticeStatus.Published,
                    PublishedAt = now.AddDays(-daysAgo),
                    ExpiresAt = validDays is { } v ? now.AddDays(v - daysAgo) : null,
                };
            var plan = Make(
                NoticeKind.WorkPlan,
                NoticeAudience.Everyone,
                $"{today.Month}月份物业服务工作计划",
                "1. 公共区域消防设施月度检查；2. 二次供水水箱清洗消毒；3. 绿化修剪及病虫害防治；4. 电梯月度维保；"
                    + "5. 管家上门走访 60 户。上月计划完成情况：计划 12 项，完成 11 项，未完成 1 项（外墙清洗因天气顺延）。",
                (today.Day - 1) % 28,
                null
            );
            plan.Pinned = true;
            var fire = Make(
                NoticeKind.General,
                NoticeAudience.Everyone,
                "关于开展冬季消防安全检查的通知",
                "各位业主：为确保冬季用火用电安全，物业服务中心将于本周六 9:00–17:00 对各楼栋公共区域及消防通道进行检查，"
                    + "请勿在楼道堆放杂物、停放电动车。感谢您的支持与配合！",
                3,
                30
            );
            var outage = Make(
                NoticeKind.Emergency,
                NoticeAudience.Owners,
                "临时停水通知",
                "因市政供水管网维修，小区将于明日 8:00–14:00 停水，请提前储水。如有疑问请致电客服中心。",
                35,
                2
            );
            outage.PushedAt = outage.PublishedAt;
            var staff = Make(
                NoticeKind.General,
                NoticeAudience.Staff,
                "关于规范工装及胸卡佩戴的通知",
                "全体员工上岗须统一着工装、佩戴胸卡，服务用语规范。品质部将不定期抽查，结果纳入月度考核。",
                7,
                60
            );
            var draft = Make(
                NoticeKind.Activity,
                NoticeAudience.Owners,
                "元旦亲子游园会报名通知",
                "元旦当天 14:00 在小区中心广场举办亲子游园会，欢迎业主携家人参加，请到客服中心报名。",
                0,
                null
            );
            draft.Status = NoticeStatus.Draft;
            draft.PublishedAt = null;
            var notices = new[] { plan, fire, outage, staff, draft };
            db.AddRange(notices);
            const string schedule = "冬季消防安全检查安排.pdf";
            var pdf = await files.SaveAsync(
                new MemoryStream(DemoPdf("Winter fire-safety inspection: Saturday 9:00-17:00, every building's stairs and corridors.")),
                schedule,
                p.Id,
                null,
                NoticeAttachmentHandler.Rule(schedule, files.MaxBytes),
                ct
            );
            db.Add(
                new NoticeAttachment
                {
                    CompanyId = p.CompanyId,
                    ProjectId = p.Id,
                    NoticeId = fire.Id,
                    FileId = pdf.Id,
                    Position = 1,
                    FileName = pdf.FileName,
                    ContentType = pdf.ContentType,
                    Size = pdf.Size,
                }
            );
            foreach (var n in notices.Where(n => n.Status == NoticeStatus.Published))
            {
                var (owners, staffIds) = await recipients.ForAsync(n, ct);
                n.Recipients = owners.Count + staffIds.Count;
                foreach (var u in owners.Concat(staffIds))
                {
                    var read = u == owner ? n == fire : rng.NextDouble() < 0.55;
                    if (!read)
                        continue;
                    db.Add(
                        new NoticeRead
                        {
                            CompanyId = p.CompanyId,
                            ProjectId = p.Id,
                            NoticeId = n.Id,
                            UserId = u,
                            ReadAt = Min(n.PublishedAt!.Value.AddMinutes(rng.Next(5, 60 * 24)), now),
                        }
                    );
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A one-page PDF with a line of text (Helvetica), its cross-reference table computed.</summary>
    private static byte[] DemoPdf(string line)
    {
        var content = $"BT /F1 14 Tf 60 760 Td ({line}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets)
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        pdf.Append(
            System.Globalization.CultureInfo.InvariantCulture,
            $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        );
        return System.Text.Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
