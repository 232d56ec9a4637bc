using FactLedger.LocalPostgres;
using FactLedger.Api.Infrastructure;
using FactLedger.Api.Infrastructure.Postgres;

var (command, arguments, hostArgs) = Cli.Parse(args);
if (Cli.RunWithoutHost(command, arguments) is { } exitCode) return exitCode;
try
{
    var builder = WebApplication.CreateBuilder(hostArgs);
    if (command is not null) Cli.ConfigureForCommand(builder);
    builder.AddFactLedger();
    var app = builder.Build();
    app.UseFactLedger();
    if (command is not null) return await Cli.RunAsync(app, command, arguments);
    await app.RunAsync();
    return 0;
}
catch (PostgresUnavailableException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (ConfigurationError e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

public partial class Program;
