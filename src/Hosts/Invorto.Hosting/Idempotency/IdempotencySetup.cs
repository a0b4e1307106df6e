using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Invorto.Hosting.Idempotency;

public static class IdempotencySetup
{
    /// <summary>Makes the group's POST endpoints honour <c>Idempotency-Key</c>; the host must call <see cref="UseInvortoIdempotency"/>.</summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, IdempotencyFilter>();

    /// <summary>
    /// Keeps the body of POSTs that carry an <c>Idempotency-Key</c> readable after model binding, so the filter can hash
    /// the exact bytes the client sent (bodies are capped by Kestrel's request limit).
    /// </summary>
    public static WebApplication UseInvortoIdempotency(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(IdempotencyHeaders.Key))
            {
                context.Request.EnableBuffering();
            }

            await next(context);
        });
        return app;
    }
}
