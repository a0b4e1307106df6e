namespace Invorto.Domain.Conversations.Turns;

/// <summary>What endpointing says about the caller's turn right now.</summary>
public enum EndpointingVerdict
{
    /// <summary>The turn cannot end yet: the caller is speaking, or the text is too short or too uncertain.</summary>
    KeepListening,

    /// <summary>The turn will end after <see cref="EndpointingDecision.Remaining"/> more silence.</summary>
    WaitMore,

    /// <summary>The caller's turn is over.</summary>
    EndTurn,
}
