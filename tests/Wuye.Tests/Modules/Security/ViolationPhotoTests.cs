using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Files;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Security;

/// <summary>
/// The parking Violations page stores a guard's photos before it records the violation: a refused form (a photo that is not an image
/// after a good one, a plate that is no plate) leaves no stored file behind; a good form keeps both photos.
/// </summary>
[Collection(nameof(SecurityApiCollection))]
public sealed class ViolationPhotoTests(SharedApp shared) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = Clocks.At(DateTimeOffset.UtcNow.AddMinutes(1));
    private WuyeApp _app = null!;
    private Guid _project;

    public async ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        _project = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_refused_violation_form_leaves_no_photos_behind()
    {
        var guard = _app.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        guard.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer",
            await _app.TokenAsync("guard")
        );
        var user = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "guard").Select(u => u.Id).FirstAsync());
        var project = _project;
        Task<int> FilesAsync() => _app.DbAsync(db => db.Set<StoredFile>().CountAsync(f => f.UploadedBy == user && f.ProjectId == project));
        var page = await guard.GetStringAsync("/security/parking/violations");
        var token = System
            .Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")
            .Groups[1]
            .Value;
        Assert.NotEmpty(token);
        async Task<string> PostAsync(string plate, string place, params byte[][] photos)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(project.ToString()), "projectId" },
                { new StringContent(plate), "plate" },
                { new StringContent(place), "place" },
                { new StringContent(nameof(ViolationKind.FireLane)), "kind" },
            };
            for (var i = 0; i < photos.Length; i++)
            {
                var part = new ByteArrayContent(photos[i]);
                part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
                form.Add(part, "photos", $"违停{i}.png");
            }
            var res = await guard.PostAsync("/security/parking/violations?handler=Record", form);
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            return await res.Content.ReadAsStringAsync();
        }
        var before = await FilesAsync();

        // A good photo, then one that is not an image: nothing is stored, nothing recorded.
        var notAPhoto = await PostAsync("浙HP0101", "消防通道（假照片）", Wuye.Tests.Platform.FileTests.Png, "%PDF-1.7"u8.ToArray());
        Assert.Contains("请上传 JPG、PNG、GIF 或 WebP 格式的图片", notAPhoto);
        Assert.Equal(before, await FilesAsync());
        Assert.False(await _app.DbAsync(db => db.Set<ParkingViolation>().AnyAsync(v => v.Place == "消防通道（假照片）")));

        // Two good photos with a plate that is no plate: refused before any photo is stored.
        await PostAsync("ABC", "消防通道（坏车牌）", Wuye.Tests.Platform.FileTests.Png, Wuye.Tests.Platform.FileTests.Png);
        Assert.Equal(before, await FilesAsync());
        Assert.False(await _app.DbAsync(db => db.Set<ParkingViolation>().AnyAsync(v => v.Place == "消防通道（坏车牌）")));

        // Two good photos: kept with the violation.
        await PostAsync("浙HP0101", "消防通道（两张照片）", Wuye.Tests.Platform.FileTests.Png, Wuye.Tests.Platform.FileTests.Png);
        Assert.Equal(before + 2, await FilesAsync());
        var v = await _app.DbAsync(db => db.Set<ParkingViolation>().SingleAsync(x => x.Place == "消防通道（两张照片）"));
        Assert.Equal(2, v.PhotoIds.Length);
    }
}
