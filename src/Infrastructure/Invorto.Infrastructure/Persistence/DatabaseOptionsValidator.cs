using Invorto.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Persistence;

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var check = new OptionsValidationBuilder();
        if (options.UsesPostgres)
        {
            try
            {
                PostgresConnectionString.FromDbUrl(options.DbUrl!);
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException)
            {
                check.Fail("DB_URL", $"is neither a postgres:// URL nor an Npgsql connection string ({exception.Message}).");
            }
        }

        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            check.Fail("INVORTO_DATA_DIR", "must not be empty.");
        }

        return check.ToResult();
    }
}
