using Invorto.Infrastructure;
using Invorto.Infrastructure.Redis;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Invorto.Hosting;

/// <summary>Spec §11: a service running alone without Redis has in-process state nobody else sees — a warning in development, a refusal in production.</summary>
internal static class EmbeddedModeGuard
{
    public static void Check(WebApplication app, InvortoService service)
    {
        var redis = app.Services.GetRequiredService<IOptions<RedisOptions>>().Value;
        var embedded = app.Services.GetRequiredService<EmbeddedServices>();
        if (redis.IsConfigured || embedded.SharedAcrossServices)
        {
            return;
        }

        if (app.Environment.IsProduction())
        {
            throw new InvalidOperationException($"REDIS_URL: required in Production; the {service.Name} service cannot share limiter, event and revocation state without it.");
        }

        app.Logger.LogWarning(
            "REDIS_URL is not set: the {Service} service uses in-process substitutes that no other process shares. Use the embedded launcher (src/Hosts/Invorto.Local) or set REDIS_URL",
            service.Name);
    }
}
