using System.Diagnostics;
using Invorto.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosting.Errors;

internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddInvortoProblemDetails(this IServiceCollection services)
    {
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions.TryAdd("code", ErrorStatus.CodeFor(problem.Status ?? StatusCodes.Status500InternalServerError));
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            problem.Instance ??= context.HttpContext.Request.Path;
        });
        return services;
    }
}
