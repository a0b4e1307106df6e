using Invorto.Domain.Audit;
using Invorto.Domain.Common;

namespace Invorto.Domain.Tests.Audit;

public sealed class AuditEventTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_event_records_who_did_what_to_which_target()
    {
        var tenantId = Guid.NewGuid();
        var keyId = Guid.NewGuid();

        var entry = AuditEvent.Record(Guid.NewGuid(), tenantId, keyId, "secret.put", "secret", "crm", T0);

        (entry.TenantId, entry.ApiKeyId, entry.Action, entry.TargetType, entry.TargetId, entry.Ts).ShouldBe((tenantId, keyId, "secret.put", "secret", "crm", T0));
    }

    [Fact]
    public void An_event_needs_a_tenant_an_action_and_a_target()
    {
        Should.Throw<DomainException>(() => AuditEvent.Record(Guid.NewGuid(), Guid.Empty, null, "secret.put", "secret", "crm", T0));
        Should.Throw<DomainException>(() => AuditEvent.Record(Guid.NewGuid(), Guid.NewGuid(), null, " ", "secret", "crm", T0));
        Should.Throw<DomainException>(() => AuditEvent.Record(Guid.NewGuid(), Guid.NewGuid(), null, "secret.put", "secret", new string('x', 101), T0));
    }
}
