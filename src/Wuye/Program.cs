using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints;
using Wuye.Modules.Inspections;
using Wuye.Modules.MasterData;
using Wuye.Modules.WorkOrders;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Files;

var builder = WebApplication.CreateBuilder(args);
builder.AddWuyePlatform();
builder.Services.AddMasterData();
builder.Services.AddFiles();
builder.Services.AddInspections();
builder.Services.AddWorkOrders();
builder.Services.AddComplaints();

var app = builder.Build();

if (args.Contains("--print-create-script"))
{
    // Drafts DDL for a new migration from the EF model; runs without a database server.
    using var scope = app.Services.CreateScope();
    var options = new DbContextOptionsBuilder<WuyeDb>().UseNpgsql("Host=unused").Options;
    using var db = ActivatorUtilities.CreateInstance<WuyeDb>(scope.ServiceProvider, options);
    Console.WriteLine(db.Database.GenerateCreateScript());
    return;
}

await app.StartDatabaseAsync();

if (args.FirstOrDefault() == "seed")
{
    // ./wuye seed --size small --seed 1: demo data into an empty database, then exit.
    string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
    using var scope = app.Services.CreateScope();
    var generator = scope.ServiceProvider.GetRequiredService<Wuye.Modules.MasterData.Seed.DemoDataGenerator>();
    try
    {
        var created = await generator.SeedIfEmptyAsync(Arg("--size", "small"), int.Parse(Arg("--seed", "1")), CancellationToken.None);
        Console.WriteLine(created ? "Demo data created." : "The database already has data; nothing was changed. Delete .wuye/ to start over.");
    }
    catch (ArgumentException ex)
    {
        Console.Error.WriteLine(ex.Message);
        Environment.ExitCode = 2;
    }
    await app.DisposeAsync();
    return;
}
app.UseWuyePlatform();
var api = app.MapApi();
Wuye.Platform.Audit.ChangeLogEndpoints.Map(api);
FileEndpoints.Map(api);
app.MapMasterData(api);
app.MapInspections(api);
Wuye.Platform.Bench.BaselineEndpoints.MapBaseline(app);
app.MapWorkOrders(api);
app.MapComplaints(api);
await app.SeedDemoDataIfWantedAsync();

await app.RunAsync();
// Disposing the host stops the embedded PostgreSQL, after the web server has drained.
await app.DisposeAsync();

public partial class Program;
