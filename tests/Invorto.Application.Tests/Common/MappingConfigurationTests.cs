using AutoMapper;
using Invorto.Application.Common;

namespace Invorto.Application.Tests.Common;

public sealed class MappingConfigurationTests
{
    [Fact]
    public void Every_profile_is_valid()
    {
        TestMapper.Configuration().AssertConfigurationIsValid();
    }

    [Fact]
    public void Self_referential_graph_deeper_than_the_limit_is_cut_instead_of_overflowing_the_stack()
    {
        // GHSA-rvv3-g6hj-g44x: AutoMapper below 15.1.1 recurses without bound on deep graphs.
        var configuration = new MapperConfiguration(
            cfg =>
            {
                cfg.CreateMap<Node, NodeDto>();
                MappingConfiguration.LimitDepth(cfg);
            });
        var root = new Node();
        var current = root;
        for (var i = 0; i < 100_000; i++)
        {
            current.Next = new Node();
            current = current.Next;
        }

        var mapped = configuration.CreateMapper().Map<NodeDto>(root);

        var depth = 0;
        for (var node = mapped; node is not null; node = node.Next)
        {
            depth++;
        }

        depth.ShouldBeLessThanOrEqualTo(MappingConfiguration.MaxDepth + 1);
    }

    private sealed class Node
    {
        public Node? Next { get; set; }
    }

    private sealed class NodeDto
    {
        public NodeDto? Next { get; set; }
    }
}
