using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints;
using Wuye.Modules.CustomerCare;
using Wuye.Modules.Emergencies;
using Wuye.Modules.Facilities;
using Wuye.Modules.Fees;
using Wuye.Modules.Gate;
using Wuye.Modules.Inspections;
using Wuye.Modules.MasterData;
using Wuye.Modules.Regulation;
using Wuye.Modules.Security;
using Wuye.Modules.Staff;
using Wuye.Modules.WorkOrders;
using Wuye.Platform;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Files;
using Wuye.Platform.Tenancy;

namespace Wuye;

/// <summary>
/// The composition root: the one place that knows every module. The platform knows none of them;
/// each module registers itself (<c>Add&lt;Name&gt;</c>) and maps its endpoints (<c>Map&lt;Name&gt;</c>).
/// The benchmark host (bench/) runs the same app with its raw baselines mapped beside it.
/// </summary>
public static class WuyeHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        services?.Invoke(builder.Services);
        builder.AddWuyePlatform();
        builder.Services.AddFiles();
        builder.Services.AddDemoData();
        builder.Services.AddMasterData();
        builder.Services.AddInspections();
        builder.Services.AddWorkOrders();
        builder.Services.AddComplaints();
        builder.Services.AddStaff();
        builder.Services.AddSecurity();
        builder.Services.AddFacilities();
        builder.Services.AddEmergencies();
        builder.Services.AddFees();
        builder.Services.AddCustomerCare();
        builder.Services.AddGate();
        builder.Services.AddRegulation();
        return builder;
    }

    /// <summary>Runs the app (or one of its commands) and returns the exit code; <paramref name="services"/> adds to the app's services
    /// (the bench adds its baselines).</summary>
    public static async Task<int> RunAsync(string[] args, Action<IServiceCollection>? services = null)
    {
        var (command, exitCode) = WuyeCommandLine.Parse(args);
        if (command is null)
            return exitCode; // the usage or what is wrong with the arguments was printed
        var app = CreateBuilder(command.HostArgs, services).Build();

        if (command.PrintCreateScript)
        {
            Console.WriteLine(CreateScript(app.Services));
            return 0;
        }

        try
        {
            await app.StartDatabaseAsync();
        }
        catch (StartupFailedException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 3;
        }

        if (command.Name == "seed")
            return await SeedAsync(app, command);
        if (command.Name == "admin-create")
            return await CreateAdminAsync(app, command);

        app.UseWuyePlatform();
        var api = app.MapApi();
        ChangeLogEndpoints.Map(api);
        FileEndpoints.Map(api);
        app.MapMasterData(api);
        app.MapInspections(api);
        app.MapWorkOrders(api);
        app.MapComplaints(api);
        app.MapStaff(api);
        app.MapSecurity(api);
        app.MapFacilities(api);
        app.MapEmergencies(api);
        app.MapFees(api);
        app.MapCustomerCare(api);
        app.MapGate(api);
        app.MapRegulation(api);
        foreach (var extra in app.Services.GetServices<IHostEndpoints>())
            extra.Map(app);
        await app.SeedDemoDataIfWantedAsync();

        // Checked before starting, so the answer is one sentence rather than Kestrel's logged stack trace.
        // Kestrel only: a test host serves in memory and listens nowhere.
        var kestrel =
            app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .GetType()
                .FullName?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) == true;
        if (kestrel && WuyeCommandLine.TakenAddress(app.Configuration["urls"]) is { } taken)
        {
            Console.Error.WriteLine(WuyeCommandLine.PortInUse(taken));
            await app.DisposeAsync();
            return 3;
        }
        try
        {
            await app.StartAsync();
        }
        catch (Exception ex)
            when (ex is Microsoft.AspNetCore.Connections.AddressInUseException
                || ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException
            )
        {
            // One plain sentence, not a stack trace: which address, and what to do.
            Console.Error.WriteLine(WuyeCommandLine.PortInUse(app.Configuration["urls"]));
            await app.DisposeAsync();
            return 3;
        }
        // The addresses Kestrel really listens on (--urls, the settings, or a port it chose).
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()
            ?.Addresses
            ?? [];
        if (kestrel)
            Console.WriteLine($"Wuye 已启动，请在浏览器打开 / listening on: {string.Join(" ", addresses)}  (Ctrl+C 停止 / stops)");
        await app.WaitForShutdownAsync();
        // Disposing the host stops the embedded PostgreSQL, after the web server has drained.
        await app.DisposeAsync();
        return 0;
    }

    /// <summary>
    /// ./wuye admin create [--user-name admin] [--name 平台管理员]: a platform administrator with a one-time password printed once, then exit.
    /// </summary>
    private static async Task<int> CreateAdminAsync(WebApplication app, WuyeCommand command)
    {
        var code = 0;
        try
        {
            var password = await Platform.Identity.FirstStart.CreateAdminAsync(
                app.Services,
                command.AdminUserName,
                command.AdminDisplayName,
                CancellationToken.None
            );
            Console.WriteLine(
                $"平台管理员 {command.AdminUserName} 已创建，一次性密码 {password}（仅显示这一次，登录后须修改）。"
                    + Environment.NewLine
                    + $"Platform administrator '{command.AdminUserName}' created with the one-time password {password} "
                    + "(shown only this once; sign in at /account/sign-in and choose your own)."
            );
        }
        catch (Platform.Web.ValidationException ex)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, ex.Errors.SelectMany(e => e.Value)));
            code = 2;
        }
        await app.DisposeAsync();
        return code;
    }

    /// <summary>
    /// The DDL the EF model implies, for drafting a migration; needs no database server. The context is built with its
    /// constructor that takes no data source: the app's data source asks the database handle for a connection string,
    /// which exists only once the database has started.
    /// </summary>
    internal static string CreateScript(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var options = new DbContextOptionsBuilder<WuyeDb>().UseNpgsql("Host=unused").Options;
        var sp = scope.ServiceProvider;
        using var db = new WuyeDb(
            options,
            sp.GetRequiredService<ScopeAccessor>(),
            TimeProvider.System,
            sp.GetServices<IModelContributor>()
        );
        return db.Database.GenerateCreateScript();
    }

    /// <summary>./wuye seed --size small --seed 1: demo data into an empty database, then exit.</summary>
    private static async Task<int> SeedAsync(WebApplication app, WuyeCommand command)
    {
        var code = 0;
        using (var scope = app.Services.CreateScope())
        {
            var runner = scope.ServiceProvider.GetRequiredService<DemoDataRunner>();
            try
            {
                var created = await runner.SeedIfEmptyAsync(command.Size, command.Seed, CancellationToken.None);
                Console.WriteLine(
                    created ? "Demo data created." : "The database already has data; nothing was changed. Delete .wuye/ to start over."
                );
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                code = 2;
            }
        }
        await app.DisposeAsync();
        return code;
    }
}

/// <summary>Endpoints a host adds beside the product's (the bench's raw baselines); the product registers none.</summary>
public interface IHostEndpoints
{
    void Map(WebApplication app);
}
