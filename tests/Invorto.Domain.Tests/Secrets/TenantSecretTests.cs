using Invorto.Domain.Common;
using Invorto.Domain.Secrets;

namespace Invorto.Domain.Tests.Secrets;

public sealed class TenantSecretTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("crm")]
    [InlineData("a")]
    [InlineData("openai_key_2")]
    public void Lowercase_names_of_up_to_64_characters_are_valid(string name)
    {
        TenantSecret.IsValidName(name).ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("CRM")]
    [InlineData("1crm")]
    [InlineData("_crm")]
    [InlineData("crm-key")]
    [InlineData("crm key")]
    [InlineData("crm\n")]
    public void Other_names_are_invalid(string? name)
    {
        TenantSecret.IsValidName(name).ShouldBeFalse();
    }

    [Fact]
    public void Names_are_at_most_64_characters()
    {
        TenantSecret.IsValidName(new string('a', TenantSecret.MaxNameLength)).ShouldBeTrue();
        TenantSecret.IsValidName(new string('a', TenantSecret.MaxNameLength + 1)).ShouldBeFalse();
    }

    [Fact]
    public void A_secret_refuses_a_bad_name_or_an_empty_value()
    {
        Should.Throw<DomainException>(() => TenantSecret.Create(Guid.NewGuid(), "Bad", "enc", T0));
        Should.Throw<DomainException>(() => TenantSecret.Create(Guid.NewGuid(), "crm", string.Empty, T0));
        Should.Throw<DomainException>(() => TenantSecret.Create(Guid.Empty, "crm", "enc", T0));
    }

    [Fact]
    public void Replacing_the_value_keeps_the_creation_time_and_moves_the_update_time()
    {
        var secret = TenantSecret.Create(Guid.NewGuid(), "crm", "enc-1", T0);

        secret.Replace("enc-2", T0.AddMinutes(5));

        secret.EncryptedValue.ShouldBe("enc-2");
        secret.CreatedAt.ShouldBe(T0);
        secret.UpdatedAt.ShouldBe(T0.AddMinutes(5));
    }
}
