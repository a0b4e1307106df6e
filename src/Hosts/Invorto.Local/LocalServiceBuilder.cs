using Invorto.Hosting;

namespace Invorto.Local;

internal static class LocalServiceBuilder
{
    /// <summary>
    /// Builds one service on its runbook port on localhost (override the host with INVORTO_BIND_HOST, e.g. 0.0.0.0), or on
    /// <paramref name="url"/> when given; <paramref name="settings"/> win over the environment for this service only.
    /// </summary>
    public static WebApplication Build(
        string[] args,
        InvortoService service,
        Action<WebApplicationBuilder> compose,
        Action<WebApplication> map,
        string? url = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Development,
            ApplicationName = typeof(LocalServiceBuilder).Assembly.GetName().Name,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var host = builder.Configuration["INVORTO_BIND_HOST"] ?? "localhost";
        builder.WebHost.UseUrls(url ?? $"http://{host}:{service.DefaultPort}");
        compose(builder);
        var app = builder.Build();
        map(app);
        return app;
    }
}
