using System;
using System.Collections.Generic;

namespace Igtimi.Client.IO
{
    /// <summary>
    /// Work to do if the process ends before its owner is disposed: on SIGTERM (kill -TERM) .NET raises
    /// AppDomain.ProcessExit and then ends the process without running finally blocks or Dispose on other threads,
    /// which would leave partial export files and spool files behind.
    /// </summary>
    internal static class ExitCleanup
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<long, Action> Pending = new Dictionary<long, Action>();
        private static long _next;
        private static bool _hooked;

        /// <summary>Runs <paramref name="cleanup"/> at process exit unless the returned registration is disposed first.</summary>
        public static IDisposable Register(Action cleanup)
        {
            lock (Gate)
            {
                if (!_hooked)
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();
                    _hooked = true;
                }
                var id = ++_next;
                Pending.Add(id, cleanup);
                return new Registration(id);
            }
        }

        private static void RunAll()
        {
            Action[] actions;
            lock (Gate)
            {
                actions = new Action[Pending.Count];
                Pending.Values.CopyTo(actions, 0);
                Pending.Clear();
            }
            foreach (var action in actions)
            {
                try
                {
                    action();
                }
                catch (Exception)
                {
                    // The process is ending: one cleanup that fails must not keep the others from running.
                }
            }
        }

        private sealed class Registration : IDisposable
        {
            private readonly long _id;

            public Registration(long id) => _id = id;

            public void Dispose()
            {
                lock (Gate) Pending.Remove(_id);
            }
        }
    }
}
