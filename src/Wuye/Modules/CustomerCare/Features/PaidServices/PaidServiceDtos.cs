using Wuye.Modules.CustomerCare.Domain;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.PaidServices;

internal sealed record PaidServiceDto(
    Guid Id,
    Guid ProjectId,
    string Name,
    string Category,
    decimal Price,
    string PriceUnit,
    string? Description,
    bool Active
);

internal sealed record PaidOrderDto(
    Guid Id,
    Guid ProjectId,
    Guid UnitId,
    string UnitLabel,
    Guid ServiceId,
    string ServiceName,
    decimal Price,
    int Quantity,
    decimal Amount,
    PaidOrderStatus Status,
    DateTimeOffset? WantedAt,
    string? Note,
    Guid? AssigneeUserId,
    string? AssigneeName,
    DateTimeOffset? DoneAt,
    string? DoneNote,
    decimal? PaidAmount,
    PaidMethod? PaidMethod,
    int? Rating,
    string? RatingComment,
    DateTimeOffset CreatedAt
);

internal sealed record NewPaidService(
    Guid? ProjectId,
    string? Name,
    string? Category,
    decimal? Price,
    string? PriceUnit,
    string? Description
) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("name", Name, "服务名称", "Name")
            .MaxLength("name", Name, 60, "服务名称", "Name")
            .Required("category", Category, "类别", "Category")
            .MaxLength("category", Category, 40, "类别", "Category")
            .Required("price", Price, "价格", "Price")
            .Range("price", Price, 0, 100000, "价格", "Price")
            .Required("priceUnit", PriceUnit, "计价单位", "Unit")
            .MaxLength("priceUnit", PriceUnit, 20, "计价单位", "Unit")
            .MaxLength("description", Description, 300, "说明", "Description");
}

internal sealed record NewPaidOrder(Guid? ServiceId, Guid? UnitId, int? Quantity, DateTimeOffset? WantedAt, string? Note) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("serviceId", ServiceId, "服务", "Service")
            .Required("unitId", UnitId, "房屋", "Home")
            .Required("quantity", Quantity, "数量", "Quantity")
            .Range("quantity", Quantity, 1, 99, "数量", "Quantity")
            .MaxLength("note", Note, 300, "备注", "Note");
}

internal sealed record AssignPaidOrder(Guid? StaffId) : IValidatable
{
    public void Validate(Validator v) => v.Required("staffId", StaffId, "服务人员", "Staff member");
}

internal sealed record CompletePaidOrder(string? Note, decimal? PaidAmount, PaidMethod? PaidMethod) : IValidatable
{
    public void Validate(Validator v) =>
        v.MaxLength("note", Note, 300, "完成说明", "Note")
            .Required("paidAmount", PaidAmount, "收款金额", "Amount paid")
            .Range("paidAmount", PaidAmount, 0, 1000000, "收款金额", "Amount paid")
            .Required("paidMethod", PaidMethod, "收款方式", "Payment method");
}

internal sealed record RatePaidOrder(int? Rating, string? Comment) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("rating", Rating, "评分", "Rating")
            .Range("rating", Rating, 1, 5, "评分", "Rating")
            .MaxLength("comment", Comment, 300, "评价", "Comment");
}
