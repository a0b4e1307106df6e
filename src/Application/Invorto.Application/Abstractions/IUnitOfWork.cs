namespace Invorto.Application.Abstractions;

/// <summary>Runs several repository saves as one database transaction (repositories of one request share it).</summary>
public interface IUnitOfWork
{
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
