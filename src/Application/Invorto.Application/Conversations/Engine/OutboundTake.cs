namespace Invorto.Application.Conversations.Engine;

/// <summary>What a pacer tick found in the outbound queue.</summary>
internal enum OutboundTake
{
    /// <summary>No frame is due yet, or the previous send is still in flight.</summary>
    NotDue,

    /// <summary>The queue holds no frame of the current reply.</summary>
    Empty,

    Frame,
}
