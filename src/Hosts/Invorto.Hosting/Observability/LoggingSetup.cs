using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;
using Serilog.Templates;

namespace Invorto.Hosting.Observability;

internal static class LoggingSetup
{
    // One JSON object per line with the keys of spec §12; whatever else an event carries follows them.
    private const string JsonLine =
        "{ {timestamp: @t, level: @l, service: service, message: @m, traceId: @tr, spanId: @sp, correlationId: CorrelationId, tenantId: TenantId, callId: CallId, exception: @x, ..rest()} }\n";

    public static void AddInvortoLogging(this WebApplicationBuilder builder, InvortoService service)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("service", service.Name)
            .WriteTo.Console(new ExpressionTemplate(JsonLine)),
            // Four services may share one process (embedded mode): each keeps its own logger, none touches the static one.
            preserveStaticLogger: true);
    }
}
