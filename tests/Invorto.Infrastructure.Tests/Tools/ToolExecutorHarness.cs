using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Secrets;
using Invorto.Application.Tools;
using Invorto.Application.Tools.Execution;
using Invorto.Infrastructure.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Tests.Tools;

/// <summary>
/// The tool runner as a host composes it (<c>AddToolExecution</c>), with a resolver that maps test names to addresses,
/// tenant secrets from a dictionary, and every log line captured.
/// </summary>
internal sealed class ToolExecutorHarness : IAsyncDisposable
{
    public const string Host = "tools.test";

    private readonly ServiceProvider _services;

    private ToolExecutorHarness(bool allowPrivateTargets, IReadOnlyDictionary<string, string> secrets)
    {
        Secrets = new DictionarySecretReader(secrets);
        Resolver.Map(Host, IPAddress.Loopback);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton(new ToolTargetSettings(allowPrivateTargets));
        services.AddSingleton<ITenantSecretReader>(Secrets);
        services.AddSingleton<IToolHostResolver>(Resolver);
        services.AddToolExecution();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Executor = _services.GetRequiredService<IToolExecutor>();
    }

    public Guid TenantId { get; } = Guid.CreateVersion7();

    public Guid CallId { get; } = Guid.CreateVersion7();

    public MappedResolver Resolver { get; } = new();

    public DictionarySecretReader Secrets { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public IToolExecutor Executor { get; }

    /// <summary>With <paramref name="allowPrivateTargets"/> (the default here) tools may call the fake over http on 127.0.0.1.</summary>
    public static ToolExecutorHarness Create(bool allowPrivateTargets = true, IReadOnlyDictionary<string, string>? secrets = null) =>
        new(allowPrivateTargets, secrets ?? new Dictionary<string, string>());

    public static ToolDefinition Tool(string method, string url, string? inputSchema = null, int timeoutMs = 2000, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Name = "get_order_status",
        Method = method,
        Url = url,
        InputSchema = inputSchema is null ? null : System.Text.Json.JsonDocument.Parse(inputSchema).RootElement.Clone(),
        TimeoutMs = timeoutMs,
        Headers = headers ?? new Dictionary<string, string>(),
    };

    public Task<ToolOutcome> RunAsync(ToolDefinition tool, string argumentsJson = "{}", IReadOnlyCollection<string>? allowedHosts = null, int turn = 1) =>
        Executor.ExecuteAsync(new ToolExecution(TenantId, CallId, turn, tool, argumentsJson, allowedHosts ?? []), CancellationToken.None);

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>Names to addresses, as a test says; other names do not exist.</summary>
    public sealed class MappedResolver : IToolHostResolver
    {
        private readonly ConcurrentDictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

        public ConcurrentQueue<string> Asked { get; } = new();

        public void Map(string host, params IPAddress[] addresses) => _names[host] = addresses;

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            Asked.Enqueue(host);
            return _names.TryGetValue(host, out var addresses)
                ? Task.FromResult(addresses)
                : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
        }
    }

    public sealed class DictionarySecretReader(IReadOnlyDictionary<string, string> secrets) : ITenantSecretReader
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public ValueTask<string?> GetAsync(Guid tenantId, string name, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return ValueTask.FromResult(secrets.TryGetValue(name, out var value) ? value : null);
        }
    }
}
