using Upcare.Hosting;

// A command ("seed", "migrate") runs against the configured database and exits; otherwise Upcare serves.
var command = UpcareCommands.Find(args);
var builder = WebApplication.CreateBuilder(command is null ? args : []);
builder.AddUpcare();
var app = builder.Build();
if (command is not null)
{
    return await command.RunAsync(app, args[1..]);
}
app.MapUpcare();
await app.RunAsync();
return 0;

/// <summary>The entry point, named so integration tests can host the app.</summary>
public partial class Program;
