namespace Wuye.Modules.CustomerCare.Features.Shared;

/// <summary>The API's customer-care routes.</summary>
internal static class NoticeApi
{
    public static RouteGroupBuilder Notices(RouteGroupBuilder api) => api.MapGroup("/notices").WithTags("Customer care");
}
