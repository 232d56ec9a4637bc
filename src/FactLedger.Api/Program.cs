using FactLedger.Api.Infrastructure;
using FactLedger.Api.Infrastructure.Postgres;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddFactLedger();
    var app = builder.Build();
    app.UseFactLedger();
    await app.RunAsync();
    return 0;
}
catch (PostgresUnavailableException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

public partial class Program;
