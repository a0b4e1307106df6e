namespace Invorto.Hosts.Tests;

/// <summary>Test classes that start an Api host of their own run alone, never beside the shared hosts' tests.</summary>
[CollectionDefinition(ApiRateLimitTests.Name, DisableParallelization = true)]
public sealed class OwnApiHostCollection;
