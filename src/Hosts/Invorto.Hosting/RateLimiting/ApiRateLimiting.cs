using System.Globalization;
using System.Threading.RateLimiting;
using Invorto.Application.Common;
using Invorto.Hosting.Authentication;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Redis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Invorto.Hosting.RateLimiting;

/// <summary>
/// <c>API_RATE_LIMIT_PER_MIN</c> requests per minute per API key on every <c>/v1</c> endpoint but the public health check
/// (spec §4); requests without a known key share a budget per remote address. Signed artifact downloads carry no key and
/// count per address. With <c>REDIS_URL</c> the counters live in Redis (shared by every
/// Api process, see <see cref="RedisApiRateLimiter"/>); without it, in this process.
/// </summary>
public static class ApiRateLimiting
{
    private static readonly PathString Versioned = "/v1";
    private static readonly PathString Health = "/v1/health";

    public static IServiceCollection AddInvortoApiRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiRateLimitOptions>, IServiceProvider>((options, limits, provider) =>
        {
            var perMinute = limits.Value.PerMinute;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejectionAsync;

            // With Redis the budget is shared by every Api process; without it (embedded mode) it is this process's.
            if (provider.GetService<RedisRequestCounter>() is { } counter)
            {
                options.GlobalLimiter = new RedisApiRateLimiter(counter, LimitedPartitionOf, perMinute, provider.GetRequiredService<TimeProvider>());
                return;
            }

            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                LimitedPartitionOf(context) is { } partition
                    ? RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
        });
        return services;
    }

    /// <summary>Call after authentication (the partition is the authenticated key) and before authorization, so rejected keys count too.</summary>
    public static WebApplication UseInvortoApiRateLimiting(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The budget a request draws on; null for requests that are not limited.</summary>
    private static string? LimitedPartitionOf(HttpContext context)
    {
        var path = context.Request.Path;
        return !path.StartsWithSegments(Versioned) || path.StartsWithSegments(Health) ? null : PartitionOf(context);
    }

    private static string PartitionOf(HttpContext context) =>
        context.User.TryGetCaller() is { } caller
            ? $"key:{caller.ApiKeyId}"
            : $"ip:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var context = rejected.HttpContext;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = ErrorCodes.QuotaExceeded,
                Detail = $"This API key made too many requests; retry after {seconds} s.",
                Extensions = { ["code"] = ErrorCodes.QuotaExceeded },
            },
        });
    }
}
