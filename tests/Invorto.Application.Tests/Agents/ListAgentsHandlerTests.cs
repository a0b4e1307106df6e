using System.Text;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.ListAgents;
using Invorto.Application.Common;
using NSubstitute;

namespace Invorto.Application.Tests.Agents;

public sealed class ListAgentsHandlerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly IAgentQueries _queries = Substitute.For<IAgentQueries>();
    private readonly ListAgentsHandler _handler;

    public ListAgentsHandlerTests() => _handler = new ListAgentsHandler(new ListAgentsValidator(), _queries, new PlainCursors(), TestMapper.Create());

    private static AgentListItem Item(int minute) =>
        new(Guid.NewGuid(), 1, $"Agent {minute}", """{"prompt":"p"}""", T0.AddMinutes(minute), T0.AddMinutes(minute), null);

    [Fact]
    public async Task One_row_beyond_the_limit_yields_a_cursor_at_the_last_row_shown()
    {
        var tenantId = Guid.NewGuid();
        var rows = new[] { Item(3), Item(2), Item(1) };
        _queries.ListAsync(Arg.Any<AgentPageRequest>(), Arg.Any<CancellationToken>()).Returns(rows);

        var first = await _handler.HandleAsync(new ListAgentsQuery(tenantId, null, 2, null), CancellationToken.None);
        await _handler.HandleAsync(new ListAgentsQuery(tenantId, null, 2, first.Value!.NextCursor), CancellationToken.None);

        first.Value.Data.Select(a => a.Id).ShouldBe([rows[0].Id, rows[1].Id]);
        await _queries.Received(1).ListAsync(new AgentPageRequest(tenantId, null, false, null, null, 3), Arg.Any<CancellationToken>());
        await _queries.Received(1).ListAsync(new AgentPageRequest(tenantId, null, false, rows[1].CreatedAt, rows[1].Id, 3), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Last_page_has_no_cursor()
    {
        _queries.ListAsync(Arg.Any<AgentPageRequest>(), Arg.Any<CancellationToken>()).Returns([Item(1)]);

        var page = await _handler.HandleAsync(new ListAgentsQuery(Guid.NewGuid(), null, null, null), CancellationToken.None);

        page.Value!.NextCursor.ShouldBeNull();
        await _queries.Received(1).ListAsync(Arg.Is<AgentPageRequest>(r => r.Take == ListAgentsQuery.DefaultLimit + 1), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Cursor_of_another_tenant_or_filter_is_refused()
    {
        var tenantId = Guid.NewGuid();
        _queries.ListAsync(Arg.Any<AgentPageRequest>(), Arg.Any<CancellationToken>()).Returns([Item(2), Item(1)]);
        var cursor = (await _handler.HandleAsync(new ListAgentsQuery(tenantId, "sales", 1, null), CancellationToken.None)).Value!.NextCursor;

        var otherTenant = await _handler.HandleAsync(new ListAgentsQuery(Guid.NewGuid(), "sales", 1, cursor), CancellationToken.None);
        var otherFilter = await _handler.HandleAsync(new ListAgentsQuery(tenantId, "support", 1, cursor), CancellationToken.None);
        var garbage = await _handler.HandleAsync(new ListAgentsQuery(tenantId, "sales", 1, "garbage"), CancellationToken.None);

        foreach (var result in new[] { otherTenant, otherFilter, garbage })
        {
            result.Error!.Code.ShouldBe(ErrorCodes.BadRequest);
            result.Error.Fields!.Keys.ShouldBe(["cursor"]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task Limit_outside_one_to_two_hundred_is_refused(int limit)
    {
        var result = await _handler.HandleAsync(new ListAgentsQuery(Guid.NewGuid(), null, limit, null), CancellationToken.None);

        result.Error!.Fields!.Keys.ShouldBe(["limit"]);
    }

    /// <summary>Unsigned stand-in: the signature itself is the Infrastructure adapter's job and is tested there.</summary>
    private sealed class PlainCursors : ICursorProtector
    {
        public string Protect(ReadOnlySpan<byte> payload) => "c." + Convert.ToBase64String(payload);

        public bool TryUnprotect(string token, out byte[] payload)
        {
            payload = token.StartsWith("c.", StringComparison.Ordinal) ? Convert.FromBase64String(token[2..]) : [];
            return payload.Length > 0;
        }
    }
}
