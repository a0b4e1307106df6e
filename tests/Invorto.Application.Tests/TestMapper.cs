using AutoMapper;
using Invorto.Application.Common;

namespace Invorto.Application.Tests;

internal static class TestMapper
{
    public static MapperConfiguration Configuration() => new(MappingConfiguration.Apply);

    public static IMapper Create() => Configuration().CreateMapper();
}
