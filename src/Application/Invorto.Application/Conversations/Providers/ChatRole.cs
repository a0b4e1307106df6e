namespace Invorto.Application.Conversations.Providers;

public enum ChatRole
{
    User,
    Assistant,
    Tool,
}
