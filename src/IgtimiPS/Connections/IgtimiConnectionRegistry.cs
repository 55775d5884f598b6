using System.Collections.Generic;
using System.Linq;
using Igtimi.Client;

namespace IgtimiPS.Connections
{
    /// <summary>The open connections of this process and the current one.</summary>
    public static class IgtimiConnectionRegistry
    {
        private static readonly object Gate = new object();
        private static readonly List<IgtimiConnection> Open = new List<IgtimiConnection>();

        public static IgtimiConnection? Current { get; private set; }

        public static IReadOnlyList<IgtimiConnection> All
        {
            get { lock (Gate) return Open.ToArray(); }
        }

        public static bool IsCurrent(IgtimiConnection connection) => ReferenceEquals(Current, connection);

        internal static void Add(IgtimiConnection connection, bool makeCurrent)
        {
            lock (Gate)
            {
                Open.Add(connection);
                if (makeCurrent) Current = connection;
            }
        }

        internal static void Remove(IgtimiConnection connection)
        {
            lock (Gate)
            {
                Open.Remove(connection);
                if (ReferenceEquals(Current, connection)) Current = null;
            }
        }

        internal static bool Contains(IgtimiConnection connection)
        {
            lock (Gate) return Open.Any(c => ReferenceEquals(c, connection));
        }
    }
}
