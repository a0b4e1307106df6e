namespace Invorto.Hosts.Tests;

[CollectionDefinition(Name)]
public sealed class HostsCollection : ICollectionFixture<HostsFixture>
{
    public const string Name = "hosts";
}
