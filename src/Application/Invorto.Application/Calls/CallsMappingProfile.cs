using System.Text.Json;
using AutoMapper;
using Invorto.Application.Calls.GetCall;
using Invorto.Application.Calls.ListCalls;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls;

public sealed class CallsMappingProfile : Profile
{
    public CallsMappingProfile()
    {
        CreateMap<CallListItem, CallSummaryDto>()
            .ForCtorParam(nameof(CallSummaryDto.Direction), o => o.MapFrom(s => DirectionName(s.Direction)))
            .ForCtorParam(nameof(CallSummaryDto.Status), o => o.MapFrom(s => s.Status.ToName()))
            .ForCtorParam(nameof(CallSummaryDto.Metadata), o => o.MapFrom(s => ParseJson(s.MetadataJson)));

        CreateMap<CallCostView, CallCostDto>()
            .ForCtorParam(nameof(CallCostDto.Type), o => o.MapFrom(s => s.Type.ToString().ToLowerInvariant()));

        CreateMap<CallDetailView, CallDetailDto>()
            .ForCtorParam(nameof(CallDetailDto.Direction), o => o.MapFrom(s => DirectionName(s.Direction)))
            .ForCtorParam(nameof(CallDetailDto.Status), o => o.MapFrom(s => s.Status.ToName()))
            .ForCtorParam(nameof(CallDetailDto.Usage), o => o.MapFrom(s => ParseJson(s.UsageJson)))
            .ForCtorParam(nameof(CallDetailDto.Summary), o => o.MapFrom(s => ParseJson(s.SummaryJson)))
            .ForCtorParam(nameof(CallDetailDto.Carrier), o => o.MapFrom(s => ParseJson(s.CarrierJson)))
            .ForCtorParam(nameof(CallDetailDto.AgentConfigAtCallStart), o => o.MapFrom(s => ParseJson(s.AgentConfigJson)))
            .ForCtorParam(nameof(CallDetailDto.Metadata), o => o.MapFrom(s => ParseJson(s.MetadataJson)))
            .ForCtorParam(nameof(CallDetailDto.Kpis), o => o.MapFrom(s => CallInsights.KpisFrom(s.UsageJson, s.SummaryJson)))
            .ForCtorParam(nameof(CallDetailDto.Analysis), o => o.MapFrom(s => CallInsights.AnalysisFrom(s.SummaryJson)));
    }

    /// <summary>The wire name of a direction: <c>inbound</c>, <c>outbound</c>, <c>web</c>.</summary>
    public static string DirectionName(CallDirection direction) => direction.ToString().ToLowerInvariant();

    private static JsonElement? ParseJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
