using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Redis;
using Npgsql;

namespace Invorto.Infrastructure.Tests.Configuration;

public sealed class ConnectionStringTests
{
    [Fact]
    public void Postgres_url_becomes_an_npgsql_connection_string()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.FromDbUrl("postgres://app:p%40ss%3Aword@db.internal:6543/invorto?sslmode=require"));

        builder.Host.ShouldBe("db.internal");
        builder.Port.ShouldBe(6543);
        builder.Username.ShouldBe("app");
        builder.Password.ShouldBe("p@ss:word");
        builder.Database.ShouldBe("invorto");
        builder.SslMode.ShouldBe(SslMode.Require);
    }

    [Fact]
    public void Postgresql_scheme_without_port_uses_5432()
    {
        new NpgsqlConnectionStringBuilder(PostgresConnectionString.FromDbUrl("postgresql://u:p@localhost/db")).Port.ShouldBe(5432);
    }

    [Fact]
    public void Npgsql_connection_string_is_accepted_as_it_is()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.FromDbUrl("Host=h;Port=1;Database=d;Username=u;Password=p"));

        (builder.Host, builder.Port, builder.Database).ShouldBe(("h", 1, "d"));
    }

    [Theory]
    [InlineData("postgres://")]
    [InlineData("not a connection string at all")]
    public void Garbage_db_url_is_refused(string dbUrl)
    {
        var refusal = Should.Throw<Exception>(() => PostgresConnectionString.FromDbUrl(dbUrl));

        (refusal is FormatException or ArgumentException).ShouldBeTrue(refusal.GetType().Name);
    }

    [Fact]
    public void Redis_url_with_password_and_database_is_parsed()
    {
        var options = RedisConnectionOptions.FromRedisUrl("rediss://:secret@cache.internal:6380/2");

        options.EndPoints.Single().ToString().ShouldBe("Unspecified/cache.internal:6380");
        options.Password.ShouldBe("secret");
        options.DefaultDatabase.ShouldBe(2);
        options.Ssl.ShouldBeTrue();
        options.AbortOnConnectFail.ShouldBeFalse();
    }

    [Fact]
    public void Redis_configuration_string_is_accepted_and_made_to_fail_fast()
    {
        var options = RedisConnectionOptions.FromRedisUrl("127.0.0.1:6390,connectTimeout=10000");

        options.EndPoints.Single().ShouldBe(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 6390));
        options.ConnectTimeout.ShouldBe(2000);
        options.AbortOnConnectFail.ShouldBeFalse();
    }

    [Fact]
    public void Redis_url_without_port_uses_6379()
    {
        RedisConnectionOptions.FromRedisUrl("redis://localhost").EndPoints.Single().ToString().ShouldEndWith(":6379");
    }
}
