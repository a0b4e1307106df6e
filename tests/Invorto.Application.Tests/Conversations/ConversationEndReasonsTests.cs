using System.Reflection;
using Invorto.Application.Conversations.Transport;
using Invorto.Domain.Calls;
using Shouldly;
using Xunit;

namespace Invorto.Application.Tests.Conversations;

public sealed class ConversationEndReasonsTests
{
    private static string[] ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToArray();

    [Fact]
    public void Every_reason_a_session_ends_with_is_a_call_end_reason()
    {
        var sessionReasons = ConstantsOf(typeof(ConversationEndReasons));

        sessionReasons.ShouldNotBeEmpty();
        sessionReasons.Except(ConstantsOf(typeof(CallEndReasons))).ShouldBeEmpty();
    }
}
