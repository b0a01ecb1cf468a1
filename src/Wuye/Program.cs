using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData;
using Wuye.Platform;
using Wuye.Platform.Database;

var builder = WebApplication.CreateBuilder(args);
builder.AddWuyePlatform();
builder.Services.AddMasterData();

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
app.UseWuyePlatform();
var api = app.MapApi();
Wuye.Platform.Audit.ChangeLogEndpoints.Map(api);
app.MapMasterData(api);
await app.SeedDemoDataIfWantedAsync();

await app.RunAsync();
// Disposing the host stops the embedded PostgreSQL, after the web server has drained.
await app.DisposeAsync();

public partial class Program;
