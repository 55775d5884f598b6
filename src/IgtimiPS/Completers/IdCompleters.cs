using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client;
using Igtimi.Client.Api;
using Igtimi.Client.Models;
using IgtimiPS.Connections;

namespace IgtimiPS.Completers
{
    /// <summary>
    /// Completes ids from the current (or -Connection) connection's list of one kind of object, by id or
    /// by name (see <see cref="ObjectListCache"/>): the completion is the id, the list shows the name.
    /// It never signs in.
    /// </summary>
    public abstract class IdCompleter<T> : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = (fakeBoundParameters?["Connection"] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters?["Connection"])
                                 as IgtimiConnection
                             ?? IgtimiConnectionRegistry.Current;
            if (connection is null || !connection.IsOpen) return Array.Empty<CompletionResult>();
            var word = (wordToComplete ?? "").Trim('\'', '"');
            return Order(ObjectListCache.Get<T>(connection, Fetch))
                .Select(item => (Item: item, Id: IdOf(item), Name: NameOf(item) ?? ""))
                .Where(x => x.Id.HasValue &&
                            (x.Id.Value.ToString(CultureInfo.InvariantCulture).StartsWith(word, StringComparison.Ordinal) ||
                             x.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
                .Select(x =>
                {
                    var id = x.Id!.Value.ToString(CultureInfo.InvariantCulture);
                    var detail = Detail(x.Item);
                    return new CompletionResult(id, $"{id} {x.Name}".Trim(), CompletionResultType.ParameterValue,
                        string.IsNullOrEmpty(detail) ? $"{x.Name} ({id})" : $"{x.Name} ({id}), {detail}");
                })
                .ToList();
        }

        private protected abstract Task<IReadOnlyList<T>> Fetch(IgtimiConnection connection, CancellationToken ct);

        private protected abstract long? IdOf(T item);

        private protected abstract string? NameOf(T item);

        private protected virtual string? Detail(T item) => null;

        private protected virtual IEnumerable<T> Order(IEnumerable<T> items) => items.OrderBy(IdOf);
    }

    /// <summary>Session ids; the list shows each session's name and start date, the newest first.</summary>
    public sealed class SessionIdCompleter : IdCompleter<IgtimiSession>
    {
        private protected override Task<IReadOnlyList<IgtimiSession>> Fetch(IgtimiConnection connection,
            CancellationToken ct) => connection.GetSessionsAsync(new IgtimiSessionFilter(), ct);

        private protected override long? IdOf(IgtimiSession item) => item.Id;

        private protected override string? NameOf(IgtimiSession item) => item.Name;

        private protected override string? Detail(IgtimiSession item) =>
            item.StartTime?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        private protected override IEnumerable<IgtimiSession> Order(IEnumerable<IgtimiSession> items) =>
            items.OrderByDescending(s => s.StartTime).ThenBy(s => s.Id);
    }

    /// <summary>User ids; the list shows each user's name and e-mail address.</summary>
    public sealed class UserIdCompleter : IdCompleter<IgtimiUser>
    {
        private protected override Task<IReadOnlyList<IgtimiUser>> Fetch(IgtimiConnection connection,
            CancellationToken ct) => connection.GetUsersAsync(ct);

        private protected override long? IdOf(IgtimiUser item) => item.Id;

        private protected override string? NameOf(IgtimiUser item) => string.IsNullOrEmpty(item.DisplayName) ? item.Name : item.DisplayName;

        private protected override string? Detail(IgtimiUser item) => item.Email;
    }

    /// <summary>Group ids; the list shows each group's name.</summary>
    public sealed class GroupIdCompleter : IdCompleter<IgtimiGroup>
    {
        private protected override Task<IReadOnlyList<IgtimiGroup>> Fetch(IgtimiConnection connection,
            CancellationToken ct) => connection.GetGroupsAsync(ct);

        private protected override long? IdOf(IgtimiGroup item) => item.Id;

        private protected override string? NameOf(IgtimiGroup item) => item.Name;
    }
}
