using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Wuye.Platform.Web;

/// <summary>Describes the bearer token (from POST /api/v1/auth/token) so the browsable UI can authorise calls.</summary>
internal sealed class OpenApiBearer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Wuye 物业 API";
        document.Info.Description =
            "Bearer token: POST /api/v1/auth/token. Errors are RFC 9457 ProblemDetails; lists take page and pageSize; POSTs accept an "
            + "Idempotency-Key header.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Token from POST /api/v1/auth/token",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
