using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;
using Upcare.Hosting;

namespace Upcare.Data;

/// <summary>
/// Retries a query that meets a transient database error (a pooled connection cut by a restart or failover, the server
/// starting up, no connection slot free), and nothing else.
/// </summary>
/// <remarks>
/// Re-running a read outside a transaction is what the client would do anyway, so it is safe. A write is never retried
/// here: when a connection breaks during a commit, nobody can tell whether the commit happened, and a second run could
/// make the change twice. Writes answer 503 instead, and the client's retry meets the same guards as any repeat (versions,
/// one-open-referral indexes, idempotency keys). A query inside an explicit transaction is not retried either: the
/// transaction died with its connection, so only the whole unit of work could be run again.
/// </remarks>
public sealed class ReadRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, TimeSpan.FromSeconds(1), errorCodesToAdd: null)
{
    /// <summary>How many times a read is tried again: enough to pass over the dead connections a pool holds after a restart.</summary>
    public const int MaxRetries = 4;

    private readonly ExecutionStrategyDependencies _dependencies = dependencies;

    public override TResult Execute<TState, TResult>(TState state, Func<DbContext, TState, TResult> operation, Func<DbContext, TState, ExecutionResult<TResult>>? verifySucceeded) =>
        IsRetriableRead(state)
            ? base.Execute(state, operation, verifySucceeded)
            : operation(_dependencies.CurrentContext.Context, state);

    public override Task<TResult> ExecuteAsync<TState, TResult>(TState state, Func<DbContext, TState, CancellationToken, Task<TResult>> operation,
        Func<DbContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded, CancellationToken cancellationToken = default) =>
        IsRetriableRead(state)
            ? base.ExecuteAsync(state, operation, verifySucceeded, cancellationToken)
            : operation(_dependencies.CurrentContext.Context, state, cancellationToken);

    // EF Core runs a query's first step (open the connection, send the command, start reading) through the strategy with
    // the query's own enumerator as the state; saving, ExecuteUpdate/Delete, raw SQL and migrations pass other states.
    // Nothing has been handed to the caller at that step, so running it again cannot show a row twice.
    private bool IsRetriableRead<TState>(TState state) =>
        state is not null
        && _dependencies.CurrentContext.Context.Database.CurrentTransaction is null
        && IsQueryEnumerator(state.GetType());

    private static bool IsQueryEnumerator(Type type) => QueryEnumerators.GetOrAdd(type, static t =>
        t.Namespace == "Microsoft.EntityFrameworkCore.Query.Internal"
        && t.GetInterfaces().Any(i => i == typeof(System.Collections.IEnumerator) || (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerator<>))));

    private static readonly ConcurrentDictionary<Type, bool> QueryEnumerators = new();

    // The same errors the app answers 503 for (Npgsql's own list leaves out a connection the server ended, 57P01), but
    // not a timeout: a query that ran out of time would only run out of time again, with the person still waiting.
    protected override bool ShouldRetryOn(Exception? exception) =>
        exception is not null && UnexpectedErrors.IsDatabaseOutage(exception) && exception is not TimeoutException && exception.InnerException is not TimeoutException;

    // Short waits: a broken pooled connection is replaced at once, and a person is waiting for the page.
    protected override TimeSpan? GetNextDelay(Exception lastException) =>
        ExceptionsEncountered.Count > MaxRetries ? null : TimeSpan.FromMilliseconds(50 * ExceptionsEncountered.Count);
}
