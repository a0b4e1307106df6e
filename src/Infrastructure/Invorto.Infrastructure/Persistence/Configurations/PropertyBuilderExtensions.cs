using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invorto.Infrastructure.Persistence.Configurations;

internal static class PropertyBuilderExtensions
{
    /// <summary>Marks a string column as a JSON document (<c>jsonb</c> on PostgreSQL, text elsewhere).</summary>
    public static PropertyBuilder<TProperty> IsJson<TProperty>(this PropertyBuilder<TProperty> property) =>
        property.HasAnnotation(InvortoDbContext.JsonAnnotation, true);
}
