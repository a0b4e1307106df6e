using System.Text.Json;
using AutoMapper;
using Invorto.Application.Agents.ListAgents;

namespace Invorto.Application.Agents;

public sealed class AgentsMappingProfile : Profile
{
    public AgentsMappingProfile()
    {
        CreateMap<AgentVersionView, AgentDto>()
            .ForCtorParam(nameof(AgentDto.Id), o => o.MapFrom(s => s.Agent.Id))
            .ForCtorParam(nameof(AgentDto.Version), o => o.MapFrom(s => s.Version.Version))
            .ForCtorParam(nameof(AgentDto.CurrentVersion), o => o.MapFrom(s => s.Agent.CurrentVersion))
            .ForCtorParam(nameof(AgentDto.Name), o => o.MapFrom(s => s.Agent.Name))
            .ForCtorParam(nameof(AgentDto.Config), o => o.MapFrom(s => ParseConfig(s.Version.ConfigJson)))
            .ForCtorParam(nameof(AgentDto.CreatedAt), o => o.MapFrom(s => s.Agent.CreatedAt))
            .ForCtorParam(nameof(AgentDto.UpdatedAt), o => o.MapFrom(s => s.Version.CreatedAt))
            .ForCtorParam(nameof(AgentDto.ArchivedAt), o => o.MapFrom(s => s.Agent.ArchivedAt));

        CreateMap<AgentListItem, AgentDto>()
            .ForCtorParam(nameof(AgentDto.Version), o => o.MapFrom(s => s.CurrentVersion))
            .ForCtorParam(nameof(AgentDto.Config), o => o.MapFrom(s => ParseConfig(s.ConfigJson)));
    }

    private static JsonElement ParseConfig(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
