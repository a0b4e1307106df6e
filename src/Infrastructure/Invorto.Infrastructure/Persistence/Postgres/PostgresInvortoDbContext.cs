using Microsoft.EntityFrameworkCore;

namespace Invorto.Infrastructure.Persistence.Postgres;

/// <summary>Production database: PostgreSQL, JSON columns as <c>jsonb</c>.</summary>
public sealed class PostgresInvortoDbContext(DbContextOptions<PostgresInvortoDbContext> options) : InvortoDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(entity => entity.GetProperties()))
        {
            if (property.FindAnnotation(JsonAnnotation) is not null)
            {
                property.SetColumnType("jsonb");
            }
        }
    }
}
