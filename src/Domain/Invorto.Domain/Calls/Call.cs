using System.Globalization;
using Invorto.Domain.Common;

namespace Invorto.Domain.Calls;

/// <summary>One phone or WebSocket conversation and its lifecycle (spec §2).</summary>
public sealed class Call : AggregateRoot
{
    public const string StatusChangedEvent = "status.changed";
    public const string StatusIgnoredEvent = "status.ignored";

    private readonly List<CallEvent> _events = [];
    private readonly List<CallCost> _costs = [];

    private Call(Guid id, Guid tenantId, Guid agentId, int agentVersion, CallDirection direction, string from, string to, string provider, CallStatus status, DateTimeOffset createdAt)
    {
        Id = id;
        TenantId = tenantId;
        AgentId = agentId;
        AgentVersion = agentVersion;
        Direction = direction;
        From = from;
        To = to;
        Provider = provider;
        Status = status;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid AgentId { get; private set; }

    public int AgentVersion { get; private set; }

    public Guid? CampaignId { get; private set; }

    public CallDirection Direction { get; private set; }

    public string From { get; private set; }

    public string To { get; private set; }

    public string Provider { get; private set; }

    public string? ProviderCallId { get; private set; }

    public CallStatus Status { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public int? DurationSec { get; private set; }

    public string? EndReason { get; private set; }

    public string? CarrierJson { get; private set; }

    public decimal CostInr { get; private set; }

    public string? UsageJson { get; private set; }

    public string? SummaryJson { get; private set; }

    /// <summary>The tenant's own key-value data given when the call was placed (JSON object).</summary>
    public string? MetadataJson { get; private set; }

    /// <summary>The id the client chose for a web call, kept beside the server's id.</summary>
    public string? ExternalRef { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Timeline entries raised since the call was loaded; the repository appends them.</summary>
    public IReadOnlyList<CallEvent> Events => _events;

    public IReadOnlyList<CallCost> Costs => _costs;

    public static Call PlaceOutbound(Guid id, Guid tenantId, Guid agentId, int agentVersion, string from, string to, string provider, Guid? campaignId, DateTimeOffset now)
    {
        var call = new Call(id, tenantId, agentId, agentVersion, CallDirection.Outbound, from, to, provider, CallStatus.Queued, now)
        {
            CampaignId = campaignId,
        };
        call.Record(now, "call.created", null);
        return call;
    }

    public static Call ReceiveInbound(Guid id, Guid tenantId, Guid agentId, int agentVersion, string from, string to, string provider, string providerCallId, bool answered, DateTimeOffset now)
    {
        var status = answered ? CallStatus.InProgress : CallStatus.Ringing;
        var call = new Call(id, tenantId, agentId, agentVersion, CallDirection.Inbound, from, to, provider, status, now)
        {
            ProviderCallId = providerCallId,
            StartedAt = now,
            AnsweredAt = answered ? now : null,
        };
        call.Record(now, "call.created", null);
        return call;
    }

    public static Call StartWeb(Guid id, Guid tenantId, Guid agentId, int agentVersion, string externalRef, DateTimeOffset now)
    {
        var call = new Call(id, tenantId, agentId, agentVersion, CallDirection.Web, "web", "agent", "web", CallStatus.InProgress, now)
        {
            ExternalRef = externalRef,
            StartedAt = now,
            AnsweredAt = now,
        };
        call.Record(now, "call.created", null);
        return call;
    }

    public void AttachMetadata(string? metadataJson) => MetadataJson = metadataJson;

    /// <summary>The post-call summary (JSON object: <c>outcome</c>, <c>nextStep</c>, <c>notes</c>, ...).</summary>
    public void Summarize(string summaryJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(summaryJson);
        SummaryJson = summaryJson;
    }

    /// <summary>What the carrier said about the call (JSON object: <c>sipStatus</c>, <c>sipReason</c>, <c>trunk</c>).</summary>
    public void NoteCarrier(string carrierJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(carrierJson);
        CarrierJson = carrierJson;
    }

    /// <summary>Replaces the usage document (ASR minutes, TTS characters, tokens, KPIs); a JSON object.</summary>
    public void RecordUsage(string usageJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(usageJson);
        UsageJson = usageJson;
    }

    public void AttachProviderCall(string providerCallId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerCallId);
        if (ProviderCallId is not null && ProviderCallId != providerCallId)
        {
            throw new DomainException("A call is attached to one provider call only.");
        }

        ProviderCallId = providerCallId;
    }

    /// <summary>
    /// Moves the call to <paramref name="next"/> if spec §2 allows it; ignored changes leave a timeline trace where the spec asks for one.
    /// The transition into a terminal status raises <see cref="CallEnded"/>; nothing leaves a terminal status, so it is raised once.
    /// </summary>
    /// <param name="endReason">One of <see cref="CallEndReasons"/> (or the carrier's word) when <paramref name="next"/> is terminal; the status name when null.</param>
    public TransitionOutcome ApplyStatus(CallStatus next, DateTimeOffset at, string? endReason = null)
    {
        var previous = Status;
        var outcome = CallStateMachine.Evaluate(previous, next);
        switch (outcome)
        {
            case TransitionOutcome.Applied:
                Status = next;
                StampTimes(next, at, endReason);
                Record(at, StatusChangedEvent, $$"""{"from":"{{previous.ToName()}}","to":"{{next.ToName()}}"}""");
                if (next.IsTerminal())
                {
                    Raise(new CallEnded(Id, TenantId, CampaignId, next, EndReason!, at));
                }

                break;
            case TransitionOutcome.IgnoredBackwards:
            case TransitionOutcome.IgnoredTerminal:
            case TransitionOutcome.Rejected:
                Record(at, StatusIgnoredEvent, $$"""{"current":"{{previous.ToName()}}","requested":"{{next.ToName()}}","outcome":"{{outcome}}"}""");
                break;
            case TransitionOutcome.IgnoredDuplicate:
                break;
        }

        return outcome;
    }

    public void AddCost(CallCost cost)
    {
        if (cost.CallId != Id)
        {
            throw new DomainException("A cost belongs to the call it is added to.");
        }

        _costs.Add(cost);
        CostInr = decimal.Round(CostInr + cost.CostInr, 2, MidpointRounding.AwayFromZero);
    }

    public CallEvent Record(DateTimeOffset at, string kind, string? payloadJson)
    {
        var entry = new CallEvent(Id, at, kind, payloadJson);
        _events.Add(entry);
        return entry;
    }

    private void StampTimes(CallStatus next, DateTimeOffset at, string? endReason)
    {
        if (next is CallStatus.Dialing or CallStatus.Ringing)
        {
            StartedAt ??= at;
        }

        if (next == CallStatus.InProgress)
        {
            StartedAt ??= at;
            AnsweredAt ??= at;
        }

        if (next.IsTerminal())
        {
            EndedAt = at;
            EndReason = endReason ?? next.ToName();
            DurationSec = AnsweredAt is { } answered
                ? (int)Math.Max(0, Math.Round((at - answered).TotalSeconds, MidpointRounding.AwayFromZero))
                : 0;
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"call {Id} ({Direction}, {Status.ToName()})");
}
