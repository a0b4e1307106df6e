using System.Net;
using Invorto.Application.Tools;

namespace Invorto.Application.Tests.Tools;

public sealed class ToolTargetRulesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("224.0.0.1")]
    public void Loopback_private_and_link_local_addresses_are_refused(string address)
    {
        ToolTargetRules.IsRefusedAddress(IPAddress.Parse(address)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("64:ff9b:1::808:808")]
    [InlineData("2002:a00:1::1")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")]
    [InlineData("::10.0.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("fd00:ec2::254")]
    public void IPv6_that_carries_a_refused_IPv4_and_other_reserved_ranges_are_refused(string address)
    {
        ToolTargetRules.IsRefusedAddress(IPAddress.Parse(address)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void IPv6_that_carries_a_public_IPv4_is_allowed(string address)
    {
        ToolTargetRules.IsRefusedAddress(IPAddress.Parse(address)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("169.254.169.254", true)]
    [InlineData("::ffff:169.254.169.254", true)]
    [InlineData("64:ff9b::a9fe:a9fe", true)]
    [InlineData("fd00:ec2::254", true)]
    [InlineData("100.100.100.200", true)]
    [InlineData("169.254.169.253", false)]
    [InlineData("10.0.0.1", false)]
    public void The_metadata_service_is_known_in_every_spelling(string address, bool metadata)
    {
        ToolTargetRules.IsMetadataAddress(IPAddress.Parse(address)).ShouldBe(metadata);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    public void Public_addresses_are_allowed(string address)
    {
        ToolTargetRules.IsRefusedAddress(IPAddress.Parse(address)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("api.example.com", true)]
    [InlineData("API.Example.com", true)]
    [InlineData("crm.acme.in", true)]
    [InlineData("eu.crm.acme.in", true)]
    [InlineData("acme.in", false)]
    [InlineData("evil.com", false)]
    [InlineData("api.example.com.evil.com", false)]
    public void Hosts_must_be_on_the_allow_list_when_it_has_entries(string host, bool allowed)
    {
        ToolTargetRules.IsHostAllowed(host, ["api.example.com", "*.acme.in"]).ShouldBe(allowed);
    }

    [Fact]
    public void An_empty_allow_list_allows_every_host()
    {
        ToolTargetRules.IsHostAllowed("anything.example.org", []).ShouldBeTrue();
    }

    [Fact]
    public void Placeholders_and_secret_references_are_found()
    {
        ToolTargetRules.Placeholders("https://x.com/orders/{orderId}/items/{item_id}?q={orderId}").ShouldBe(["orderId", "item_id"]);
        ToolTargetRules.SecretReferences("Bearer ${secrets.crm} ${secrets.other}").ShouldBe(["crm", "other"]);
    }
}
