using Invorto.Application.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosting.Authentication;

public static class ApiKeyAuthenticationSetup
{
    public static IServiceCollection AddInvortoApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, _ => { });

        var authorization = services.AddAuthorizationBuilder();
        foreach (var permission in Enum.GetValues<Permission>())
        {
            authorization.AddPolicy(AuthorizationPolicies.For(permission), policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.TryGetCaller() is { } caller && RolePolicy.Allows(caller.Role, permission)));
        }

        return services;
    }

    /// <summary>
    /// Authenticates, then stamps the caller's tenant on every log line of the request. <paramref name="afterAuthentication"/>
    /// adds middleware that needs the caller but must run before authorization rejects anything (the rate limiter).
    /// </summary>
    public static WebApplication UseInvortoApiKeyAuthentication(this WebApplication app, Action<WebApplication>? afterAuthentication = null)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            if (context.User.TryGetCaller() is { } caller)
            {
                using (Serilog.Context.LogContext.PushProperty("TenantId", caller.TenantId))
                {
                    await next(context);
                    return;
                }
            }

            await next(context);
        });
        afterAuthentication?.Invoke(app);
        app.UseAuthorization();
        return app;
    }
}
