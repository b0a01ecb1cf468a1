using Wuye.Modules.MasterData.Features;
using Wuye.Modules.MasterData.Seed;

namespace Wuye.Modules.MasterData;

public static class MasterDataModule
{
    public static IServiceCollection AddMasterData(this IServiceCollection services)
    {
        services.AddScoped<DemoDataGenerator>();
        services.AddScoped<Import.ImportService>();
        services.AddSingleton<Import.ImportProgressStore>();
        return services;
    }

    public static void MapMasterData(this WebApplication app, RouteGroupBuilder api)
    {
        CompanyEndpoints.Map(api);
        ProjectEndpoints.Map(api);
        TreeEndpoints.Map(api);
        PeopleEndpoints.Map(api);
        RegisterEndpoints.Map(api);
        StaffEndpoints.Map(api);
        RoleAssignmentEndpoints.Map(api);
        Import.ImportEndpoints.Map(api);
    }

    public static async Task SeedDemoDataIfWantedAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Wuye:Demo:Seed", false)) return;
        using var scope = app.Services.CreateScope();
        var generator = scope.ServiceProvider.GetRequiredService<DemoDataGenerator>();
        await generator.SeedIfEmptyAsync(app.Configuration.GetValue("Wuye:Demo:Size", "small")!, app.Configuration.GetValue("Wuye:Demo:RandomSeed", 1), app.Lifetime.ApplicationStopping);
    }
}
