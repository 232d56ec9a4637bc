namespace FactLedger.Api.Infrastructure.Http;

/// <summary>The web pages (wwwroot) and the headers every response carries.</summary>
public static class WebPages
{
    // Pages run only their own scripts, none inline; styles may also be inline (the chart colours its origins with
    // style attributes); nothing is loaded from elsewhere.
    private const string PageCsp =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                // The API reference UI (/scalar) runs its own inline bootstrap;
                // every other page gets the strict policy.
                if (!context.Request.Path.StartsWithSegments("/scalar")) headers.ContentSecurityPolicy = PageCsp;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    public static WebApplication MapWebPages(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapFallbackToFile("/figures/{key}", "figure.html");
        app.MapFallbackToFile("/sources/new", "add-source.html");
        app.MapFallbackToFile("/sources/{key}", "source.html");
        return app;
    }
}
