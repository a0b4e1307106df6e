using Invorto.Application.Secrets;
using Invorto.Application.Tools;
using Invorto.Application.Tools.Execution;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Invorto.Infrastructure.Tools;

/// <summary>
/// Runs an agent's tool over HTTP (spec §8 "Tools", §9): arguments checked against <c>inputSchema</c>, secrets resolved
/// only now through <see cref="ITenantSecretReader"/>, https only (http too when private targets are allowed), the host on
/// the tenant's allow-list, the resolved address checked at connect time (<see cref="SsrfConnectGuard"/>), redirects not
/// followed. The tool's <c>timeoutMs</c> bounds the whole call, retries and reading included. GET, PUT and DELETE are
/// retried up to twice with jittered exponential backoff on 5xx, attempt timeouts and connection failures, each attempt
/// getting half the tool's timeout so a hung first attempt leaves time for a second; other methods get one attempt with
/// the whole timeout. Every attempt carries the same <c>Idempotency-Key</c>. Logs name the call, tool, outcome code and
/// status, never the URL, a header, an argument or the answer.
/// </summary>
public sealed partial class HttpToolExecutor : IToolExecutor
{
    /// <summary>The named <see cref="HttpClient"/> of tool calls (registered by <c>AddToolExecution</c>).</summary>
    public const string HttpClientName = "invorto-tools";

    /// <summary>The largest answer read (spec §8: 64 KB).</summary>
    public const int MaxResponseBytes = 64 * 1024;

    /// <summary>The first retry's delay; the second waits about twice as long (both jittered).</summary>
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMilliseconds(200);

    private const int MaxRetries = 2;

    private static readonly ResiliencePropertyKey<bool> Retryable = new("invorto.tool.retryable");
    private static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeout = new("invorto.tool.attempt-timeout");

    private readonly IHttpClientFactory _clients;
    private readonly ToolArgumentsValidator _arguments;
    private readonly ITenantSecretReader _secrets;
    private readonly ToolTargetSettings _targets;
    private readonly TimeProvider _time;
    private readonly ILogger<HttpToolExecutor> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _attempts;

    public HttpToolExecutor(
        IHttpClientFactory clients,
        ToolArgumentsValidator arguments,
        ITenantSecretReader secrets,
        ToolTargetSettings targets,
        TimeProvider time,
        ILogger<HttpToolExecutor> logger)
    {
        _clients = clients;
        _arguments = arguments;
        _secrets = secrets;
        _targets = targets;
        _time = time;
        _logger = logger;
        _attempts = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxRetries,
                Delay = RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Context.Properties.GetValue(Retryable, false) && arguments.Outcome switch
                    {
                        { Result: { } response } => (int)response.StatusCode >= 500,
                        { Exception: TimeoutRejectedException } => true,
                        { Exception: HttpRequestException failure } => !IsRefused(failure),
                        _ => false,
                    }),
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = arguments => ValueTask.FromResult(arguments.Context.Properties.GetValue(AttemptTimeout, Timeout.InfiniteTimeSpan)),
            })
            .Build();
    }

    public async Task<ToolOutcome> ExecuteAsync(ToolExecution execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var started = _time.GetTimestamp();
        var attempts = new AttemptCount();
        var outcome = await RunAsync(execution, attempts, cancellationToken).ConfigureAwait(false) with
        {
            Attempts = attempts.Count,
            Duration = _time.GetElapsedTime(started),
        };
        var durationMs = Math.Round(outcome.Duration.TotalMilliseconds, 1);
        if (outcome.Succeeded)
        {
            LogSucceeded(_logger, execution.CallId, execution.Tool.Name, outcome.HttpStatus, outcome.Attempts, durationMs);
        }
        else
        {
            LogFailed(_logger, execution.CallId, execution.Tool.Name, outcome.ErrorCode, outcome.HttpStatus, outcome.Attempts, durationMs);
        }

        return outcome;
    }

    private static bool IsRefused(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is ToolAddressRefusedException)
            {
                return true;
            }
        }

        return false;
    }

    private static bool RetriesFor(HttpMethod method) => method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete;

    private async Task<ToolOutcome> RunAsync(ToolExecution execution, AttemptCount attempts, CancellationToken cancellationToken)
    {
        var tool = execution.Tool;
        if (_arguments.Check(tool, execution.ArgumentsJson, out var problem) is not { } arguments)
        {
            return ToolOutcome.Failure(ToolErrorCodes.Schema, problem!);
        }

        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ToolHttpRequest.SecretsOf(tool))
        {
            if (await _secrets.GetAsync(execution.TenantId, name, cancellationToken).ConfigureAwait(false) is not { } value)
            {
                return ToolOutcome.Failure(ToolErrorCodes.SecretMissing, $"the secret '{name}' is not set for this tenant");
            }

            secrets[name] = value;
        }

        if (ToolHttpRequest.Build(tool, arguments, secrets, out problem) is not { } request)
        {
            return ToolOutcome.Failure(ToolErrorCodes.Schema, problem!);
        }

        if (!(request.Url.Scheme == Uri.UriSchemeHttps || (_targets.AllowPrivateTargets && request.Url.Scheme == Uri.UriSchemeHttp)))
        {
            return ToolOutcome.Failure(ToolErrorCodes.HostNotAllowed, "tools may only call https URLs");
        }

        if (!ToolTargetRules.IsHostAllowed(request.Url.IdnHost, execution.AllowedHosts))
        {
            return ToolOutcome.Failure(ToolErrorCodes.HostNotAllowed, $"the host '{request.Url.IdnHost}' is not on the tenant's allowedToolHosts");
        }

        return await SendAsync(execution, request, attempts, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The attempts and the answer; the outcome's attempts and duration are filled in by the caller.</summary>
    private async Task<ToolOutcome> SendAsync(ToolExecution execution, ToolHttpRequest request, AttemptCount attempts, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromMilliseconds(execution.Tool.TimeoutMs);
        var retryable = RetriesFor(request.Method);
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var context = ResilienceContextPool.Shared.Get(linked.Token);
        context.Properties.Set(Retryable, retryable);
        context.Properties.Set(AttemptTimeout, retryable ? timeout / 2 : Timeout.InfiniteTimeSpan);
        int? status = null;
        try
        {
            var client = _clients.CreateClient(HttpClientName);
            var state = (Client: client, Request: request, Key: execution.IdempotencyKey, Attempts: attempts);
            using var response = await _attempts.ExecuteAsync(
                static async (attempt, state) =>
                {
                    state.Attempts.Count++;
                    using var message = state.Request.CreateMessage(state.Key);
                    return await state.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attempt.CancellationToken).ConfigureAwait(false);
                },
                context,
                state).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var message = status is >= 300 and < 400
                    ? $"the tool answered HTTP {status} (a redirect, which is not followed)"
                    : $"the tool answered HTTP {status}";
                return ToolOutcome.Failure(ToolErrorCodes.Http(status.Value), message, status);
            }

            var (json, error) = await ToolResponseReader.ReadAsync(response.Content, linked.Token).ConfigureAwait(false);
            return json is not null
                ? ToolOutcome.Success(json, status, attempts.Count, duration: TimeSpan.Zero)
                : ToolOutcome.Failure(error!, error == ToolErrorCodes.TooLarge ? $"the answer is larger than {MaxResponseBytes / 1024} KB" : "the answer is not UTF-8 text", status);
        }
        catch (Exception exception) when ((exception is OperationCanceledException or TimeoutRejectedException) && !cancellationToken.IsCancellationRequested)
        {
            return ToolOutcome.Failure(ToolErrorCodes.Timeout, $"the tool did not answer within {execution.Tool.TimeoutMs} ms", status);
        }
        catch (HttpRequestException exception) when (IsRefused(exception))
        {
            return ToolOutcome.Failure(ToolErrorCodes.AddressRefused, "the tool's host resolves to an address tools may not reach", status);
        }
        catch (HttpRequestException exception)
        {
            return ToolOutcome.Failure(ToolErrorCodes.Network, $"the tool's server could not be reached ({exception.HttpRequestError})", status);
        }
        catch (IOException)
        {
            return ToolOutcome.Failure(ToolErrorCodes.Network, "the tool's server broke off its answer", status);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: tool {Tool} answered HTTP {Status} after {Attempts} attempt(s) in {DurationMs} ms")]
    private static partial void LogSucceeded(ILogger logger, Guid callId, string tool, int? status, int attempts, double durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: tool {Tool} failed ({Code}, HTTP {Status}) after {Attempts} attempt(s) in {DurationMs} ms")]
    private static partial void LogFailed(ILogger logger, Guid callId, string tool, string? code, int? status, int attempts, double durationMs);

    private sealed class AttemptCount
    {
        public int Count { get; set; }
    }
}
