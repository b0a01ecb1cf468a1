using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;

namespace Wuye.Platform.Files;

public sealed record StoredFileDto(Guid Id, string FileName, string ContentType, long Size, string Url);

/// <summary>POST /api/v1/files (multipart: file, projectId, unitId or companyId) and GET /api/v1/files/{id}.</summary>
public static class FileEndpoints
{
    public static IServiceCollection AddFiles(this IServiceCollection services)
    {
        services.AddScoped<FileStore>();
        services.AddSingleton<PdfRenderer>();
        services.AddSingleton<IModelContributor, FilesModel>();
        return services;
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/files").WithTags("Files");
        g.MapPost(
                "/",
                async Task<Created<StoredFileDto>> (
                    IFormFile? file,
                    Guid? projectId,
                    Guid? unitId,
                    Guid? companyId,
                    FileStore store,
                    CancellationToken ct
                ) =>
                {
                    if (file is null)
                        throw new Web.ValidationException(
                            new Dictionary<string, string[]> { ["file"] = [Web.Loc.T("请选择要上传的照片", "Choose a photo to upload")] }
                        );
                    await using var stream = file.OpenReadStream();
                    var stored = await store.SaveImageAsync(stream, file.FileName, projectId, unitId, ct, companyId);
                    return TypedResults.Created($"/api/v1/files/{stored.Id}", ToDto(stored));
                }
            )
            .DisableAntiforgery()
            .WithSummary(
                "Upload a photo (JPG, PNG, GIF, WebP; at most Wuye:Files:MaxBytes) for a unit, a project or (companyId) a company; a "
                    + "regulator may add one for a company it oversees"
            );

        g.MapGet("/{id:guid}", async Task<Results<FileStreamHttpResult, NotFound>> (Guid id, FileStore store, CancellationToken ct) =>
                await store.OpenAsync(id, ct) is { } f
                    ? TypedResults.File(f.Content, f.File.ContentType, f.File.FileName, enableRangeProcessing: true)
                    : TypedResults.NotFound()
            )
            .WithSummary("Download a stored file");
    }

    public static StoredFileDto ToDto(StoredFile f) => new(f.Id, f.FileName, f.ContentType, f.Size, $"/api/v1/files/{f.Id}");

    private sealed class FilesModel : IModelContributor
    {
        public void Configure(ModelBuilder mb) =>
            mb.Entity<StoredFile>(b =>
            {
                b.ToTable("stored_file", "platform");
                b.Property(x => x.FileName).HasMaxLength(200);
                b.Property(x => x.ContentType).HasMaxLength(100);
                b.Property(x => x.Sha256).HasMaxLength(64);
                b.Property(x => x.StoragePath).HasMaxLength(200);
                b.HasIndex(x => x.CompanyId);
                b.HasIndex(x => x.ProjectId);
            });
    }
}
