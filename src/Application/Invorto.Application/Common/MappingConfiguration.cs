using AutoMapper;

namespace Invorto.Application.Common;

/// <summary>
/// AutoMapper 14 carries GHSA-rvv3-g6hj-g44x (unbounded recursion on deep or self-referential graphs).
/// Every map gets a depth limit, and only flat REST DTOs are mapped (docs/security.md).
/// </summary>
public static class MappingConfiguration
{
    public const int MaxDepth = 8;

    public static void Apply(IMapperConfigurationExpression configuration)
    {
        configuration.AddMaps(typeof(MappingConfiguration).Assembly);
        LimitDepth(configuration);
    }

    public static void LimitDepth(IMapperConfigurationExpression configuration) =>
        AutoMapper.Internal.InternalApi.Internal(configuration).ForAllMaps((_, map) => map.MaxDepth(MaxDepth));
}
