using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Gate;

/// <summary>
/// A renovation through the API on a working day with a moved clock: drawings uploaded as PDF, DWG and DXF files (an executable
/// refused on its field, a neighbour's drawings out of the owner's reach), a home the owner does not own refused, the agreement signed
/// on the phone by the owner then the service center (never by the center alone), the steps to the permit, the permit's signed QR
/// checked at the gate (an altered one and another project's refused), a worker refused at lunchtime (recorded in the permit's history,
/// told when to come back) and let in at 14:05, a deduction, the refund refused before acceptance and paid after it.
/// </summary>
[Collection(nameof(GateApiCollection))]
public sealed class RenovationTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // The next Wednesday: a working day on the default calendar.
    private static readonly DateTime Day = Enumerable
        .Range(1, 7)
        .Select(i => DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(i))
        .First(d => d.DayOfWeek == DayOfWeek.Wednesday);
    private readonly FakeTimeProvider _clock = Clocks.At(new DateTimeOffset(Day.AddHours(9), China));
    private readonly WuyeApp _app;

    public RenovationTests(SharedApp shared) => _app = shared.Use(_clock);

    private static string B64(string s) =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task A_renovation_from_application_to_refund_with_an_after_hours_worker_refused_and_one_deduction()
    {
        var (unit, project, other) = await _app.DbAsync(async db =>
        {
            var owner = await db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync();
            var persons = db.PersonRefs();
            var u = await db.OccupantRefs()
                .Where(o => persons.Any(p => p.Id == o.PersonId && p.UserId == owner))
                .OrderBy(o => o.Id)
                .Select(o => o.UnitId)
                .FirstAsync();
            var p = await db.UnitRefs().Where(x => x.Id == u).Select(x => x.ProjectId).FirstAsync();
            var o = await db.UnitRefs().Where(x => x.ProjectId == p && x.Id != u).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync();
            return (u, p, o);
        });
        var owner = await _app.As("owner");
        var pm = await _app.As("pm");
        var guard = await _app.As("guard");
        object Apply(Guid u) =>
            new
            {
                unitId = u,
                contractor = "金华美家装饰",
                scope = "厨卫改造、铺地板",
                startDate = DateOnly.FromDateTime(Day),
                endDate = DateOnly.FromDateTime(Day.AddDays(30)),
            };
        var foreign = await owner.PostJsonAsync("/api/v1/renovations", Apply(other));
        Assert.True((await foreign.JsonAsync()).GetProperty("errors").TryGetProperty("unitId", out _));

        // Drawings as files: a PDF, a DWG and an ASCII DXF are taken; an executable renamed .pdf is refused on its field.
        async Task<HttpResponseMessage> Upload(HttpClient c, Guid u, byte[] bytes, string name)
        {
            var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", name);
            return await c.PostAsync($"/api/v1/renovations/drawings?unitId={u}", form);
        }
        byte[] Bytes(string s) => System.Text.Encoding.ASCII.GetBytes(s + new string(' ', 200));
        var pdf = (await Upload(owner, unit, Bytes("%PDF-1.7\n%平面图"), "平面图.pdf").OkAsync()).GetProperty("id").GetGuid();
        var dwg = (await Upload(owner, unit, Bytes("AC1027\0\0\0\0\0"), "水电.dwg").OkAsync()).GetProperty("id").GetGuid();
        var dxf = (await Upload(owner, unit, Bytes("  0\r\nSECTION\r\n  2\r\nHEADER\r\n"), "立面.dxf").OkAsync())
            .GetProperty("id")
            .GetGuid();
        var exe = await Upload(owner, unit, Bytes("MZ\x90\0\x03"), "病毒.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        Assert.Contains("病毒.pdf", (await exe.JsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.True(
            (await (await Upload(owner, other, Bytes("%PDF-1.7"), "x.pdf")).JsonAsync())
                .GetProperty("errors")
                .TryGetProperty("unitId", out _)
        );
        // The desk uploads for the neighbour's home: the owner cannot fetch that file, only their own.
        var theirs = (await Upload(pm, other, Bytes("%PDF-1.7"), "邻居.pdf").OkAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/v1/files/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/files/{pdf}")).StatusCode);
        object WithDrawings(params Guid[] drawingIds) =>
            new
            {
                unitId = unit,
                contractor = "金华美家装饰",
                scope = "厨卫改造、铺地板",
                startDate = DateOnly.FromDateTime(Day),
                endDate = DateOnly.FromDateTime(Day.AddDays(30)),
                drawingIds,
            };
        var stray = await owner.PostJsonAsync("/api/v1/renovations", WithDrawings(theirs));
        Assert.True((await stray.JsonAsync()).GetProperty("errors").TryGetProperty("drawingIds", out _));
        var applied = await owner.PostJsonAsync("/api/v1/renovations", WithDrawings(pdf, dwg, dxf)).OkAsync();
        var id = applied.GetProperty("id").GetGuid();
        Assert.Equal(
            ["application/pdf", "image/vnd.dwg", "image/vnd.dxf"],
            applied.GetProperty("drawings").EnumerateArray().Select(d => d.GetProperty("contentType").GetString()!).ToArray()
        );
        var download = await pm.GetAsync($"/api/v1/files/{pdf}");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Task<HttpResponseMessage> Step(HttpClient c, string step, object? body = null) =>
            c.PostJsonAsync($"/api/v1/renovations/{id}/{step}", body ?? new { });

        await Step(pm, "change-requests", new { note = "燃气管不得暗埋" }).OkAsync();
        await Step(owner, "resubmissions").OkAsync();
        await Step(pm, "drawing-approvals").OkAsync();
        // The agreement: the center cannot sign first, nor anyone without a drawn signature.
        using var qr = new QRCoder.QRCodeGenerator();
        var png = new QRCoder.PngByteQRCode(qr.CreateQrCode("签名", QRCoder.QRCodeGenerator.ECCLevel.L)).GetGraphic(4);
        var signature = new { signature = "data:image/png;base64," + Convert.ToBase64String(png) };
        var centerFirst = await Step(pm, "agreement", signature);
        Assert.Equal("renovation.agreement_unsigned", (await centerFirst.JsonAsync()).GetProperty("code").GetString());
        var blank = await Step(owner, "agreement-signatures", new { signature = "data:image/png;base64,AAAA" });
        Assert.True((await blank.JsonAsync()).GetProperty("errors").TryGetProperty("signature", out _));
        var signed = await Step(owner, "agreement-signatures", signature).OkAsync();
        Assert.Equal(
            ("drawingsApproved", "2026.1"),
            (signed.GetProperty("state").GetString(), signed.GetProperty("agreementVersion").GetString())
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await Step(owner, "agreement", signature)).StatusCode);
        await Step(pm, "agreement", signature).OkAsync();
        Assert.Equal(
            (2, true),
            await _app.DbAsync(async db =>
            {
                var r = await db.Set<Renovation>().SingleAsync(x => x.Id == id);
                var files = await db.Set<Wuye.Platform.Files.StoredFile>()
                    .CountAsync(f => (f.Id == r.OwnerSignatureId || f.Id == r.CenterSignatureId) && f.ContentType == "image/png");
                return (files, r.AgreementText!.Contains("金华美家装饰"));
            })
        );
        // The deposit is collected by fees: a one-off 装修押金 bill of the home, paid at once with its receipt (SK…) in the history.
        var paid = await Step(pm, "fees", new { amount = 2000 }).OkAsync();
        var receiptNote = paid.GetProperty("history").EnumerateArray().Last().GetProperty("note").GetString()!;
        Assert.StartsWith("押金收据 SK", receiptNote);
        Assert.Equal(
            (2000m, 2000m, receiptNote["押金收据 ".Length..]),
            await _app.DbAsync(async db =>
            {
                var bill = await db.Set<Wuye.Modules.Fees.Domain.Bill>().SingleAsync(b => b.SourceId == id);
                var receipt = await db.Set<Wuye.Modules.Fees.Domain.Payment>()
                    .Where(p => p.UnitId == unit && p.Note == "装修押金")
                    .OrderByDescending(p => p.PaidAt)
                    .Select(p => p.ReceiptNumber)
                    .FirstAsync();
                return (bill.Amount, bill.Paid, receipt);
            })
        );
        var permit = (await Step(pm, "permit").OkAsync()).GetProperty("permitCode").GetString()!;

        _clock.SetUtcNow(new DateTimeOffset(Day.AddHours(12).AddMinutes(30), China).ToUniversalTime());
        _app.ForgetTokens();
        guard = await _app.As("guard");
        var check = new
        {
            projectId = project,
            permitCode = permit.ToLowerInvariant(),
            workerName = "泥工 老王",
        };
        // The permit's QR, signed with the project's key: checked at the gate; altered or another project's, refused.
        var (company, keys) = (
            await _app.DbAsync(db => db.Set<Renovation>().Where(r => r.Id == id).Select(r => r.CompanyId).SingleAsync()),
            _app.Services.CreateScope().ServiceProvider.GetRequiredService<Wuye.Modules.Gate.Features.Shared.PassKeys>()
        );
        var claims = new PermitClaims(id, project, permit, DateOnly.FromDateTime(Day), DateOnly.FromDateTime(Day.AddDays(30)));
        var payload = await keys.SignAsync(company, claims, CancellationToken.None);
        var byQr = new
        {
            projectId = project,
            payload,
            workerName = "泥工 老王",
        };
        var parts = payload[PermitToken.Prefix.Length..].Split('.');
        var longer = PermitToken.Body(claims with { EndDate = DateOnly.FromDateTime(Day.AddDays(300)) });
        var altered = PermitToken.Prefix + B64(longer) + "." + parts[1];
        var tampered = await guard.PostJsonAsync("/api/v1/renovations/entry-checks", byQr with { payload = altered });
        Assert.Equal("permit.forged", (await tampered.JsonAsync()).GetProperty("code").GetString());
        var elsewhere = await keys.SignAsync(company, claims with { ProjectId = Guid.NewGuid() }, CancellationToken.None);
        var foreignPermit = await guard.PostJsonAsync("/api/v1/renovations/entry-checks", byQr with { payload = elsewhere });
        Assert.Equal("permit.other_project", (await foreignPermit.JsonAsync()).GetProperty("code").GetString());
        var viaQr = await guard.PostJsonAsync("/api/v1/renovations/entry-checks", byQr).OkAsync();
        Assert.Equal((false, "after_hours"), (viaQr.GetProperty("allowed").GetBoolean(), viaQr.GetProperty("reason").GetString()));
        var refused = await guard.PostJsonAsync("/api/v1/renovations/entry-checks", check).OkAsync();
        Assert.False(refused.GetProperty("allowed").GetBoolean());
        Assert.Equal(new DateTimeOffset(Day.AddHours(14), China), refused.GetProperty("nextOpening").GetDateTimeOffset());
        _clock.SetUtcNow(new DateTimeOffset(Day.AddHours(14).AddMinutes(5), China).ToUniversalTime());
        _app.ForgetTokens(); // the morning's tokens have expired
        (owner, pm, guard) = (await _app.As("owner"), await _app.As("pm"), await _app.As("guard"));
        Assert.True((await guard.PostJsonAsync("/api/v1/renovations/entry-checks", check).OkAsync()).GetProperty("allowed").GetBoolean());

        await Step(pm, "deductions", new { amount = 300, note = "擅自拆改承重墙" }).OkAsync();
        await Step(owner, "acceptance-requests").OkAsync();
        var early = await Step(pm, "refund");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("renovation.refund_before_acceptance", (await early.JsonAsync()).GetProperty("code").GetString());
        await Step(pm, "acceptances").OkAsync();
        var done = await Step(pm, "refund").OkAsync();
        Assert.Equal(("refunded", 1700m), (done.GetProperty("state").GetString(), done.GetProperty("refunded").GetDecimal()));
        // The deposit less the deduction goes back on a negative receipt (TK…) naming the deposit's payment.
        var refundNote = done.GetProperty("history").EnumerateArray().Last().GetProperty("note").GetString()!;
        Assert.StartsWith("退款凭证 TK", refundNote);
        Assert.Equal(
            -1700m,
            await _app.DbAsync(db =>
                db.Set<Wuye.Modules.Fees.Domain.Payment>()
                    .Where(p => p.ReceiptNumber == refundNote.Substring(5))
                    .Select(p => p.Amount)
                    .SingleAsync()
            )
        );
        var history = done.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("refused_after_hours", history);
        Assert.Equal(14, history.Count);
        // The owner follows it too, and a guard cannot move it along.
        Assert.Equal("refunded", (await owner.GetJsonAsync($"/api/v1/renovations/{id}")).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await Step(guard, "agreement")).StatusCode);
        Assert.Equal(14, await _app.DbAsync(db => db.Set<RenovationEvent>().CountAsync(e => e.RenovationId == id)));
    }
}
