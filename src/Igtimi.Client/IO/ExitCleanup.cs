using System;
using System.Collections.Generic;
using System.Reflection;

namespace Igtimi.Client.IO
{
    /// <summary>
    /// Work to do if the process ends before its owner is disposed, which would leave partial export files and spool
    /// files behind: at AppDomain.ProcessExit, and on SIGTERM (kill -TERM). pwsh installs no SIGTERM handler, so the
    /// signal ends it at once, without ProcessExit; a PosixSignalRegistration (.NET 6+, found by reflection because the
    /// client targets netstandard2.0) runs the cleanup first and then lets the signal end the process as before.
    /// </summary>
    internal static class ExitCleanup
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<long, Action> Pending = new Dictionary<long, Action>();
        private static long _next;
        private static bool _hooked;
        // Held so that the registration is not collected (which would unregister it).
        private static object? _sigterm;

        /// <summary>Runs <paramref name="cleanup"/> at process exit unless the returned registration is disposed first.</summary>
        public static IDisposable Register(Action cleanup)
        {
            lock (Gate)
            {
                if (!_hooked)
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();
                    _sigterm = RegisterSigterm();
                    _hooked = true;
                }
                var id = ++_next;
                Pending.Add(id, cleanup);
                return new Registration(id);
            }
        }

        /// <summary>A PosixSignalRegistration for SIGTERM that runs the cleanup (and does not cancel the signal); null where there is none.</summary>
        private static object? RegisterSigterm()
        {
            const string Assembly = ", System.Runtime.InteropServices";
            var registration = Type.GetType("System.Runtime.InteropServices.PosixSignalRegistration" + Assembly, false);
            var signal = Type.GetType("System.Runtime.InteropServices.PosixSignal" + Assembly, false);
            var context = Type.GetType("System.Runtime.InteropServices.PosixSignalContext" + Assembly, false);
            if (registration is null || signal is null || context is null) return null;
            var handlerType = typeof(Action<>).MakeGenericType(context);
            var create = registration.GetMethod("Create", new[] { signal, handlerType });
            var onSignal = typeof(ExitCleanup).GetMethod(nameof(OnSignal), BindingFlags.NonPublic | BindingFlags.Static);
            if (create is null || onSignal is null) return null;
            try
            {
                return create.Invoke(null, new[] { Enum.Parse(signal, "SIGTERM"), Delegate.CreateDelegate(handlerType, onSignal) });
            }
            catch (TargetInvocationException ex) when (ex.InnerException is PlatformNotSupportedException)
            {
                return null;
            }
        }

        private static void OnSignal(object context) => RunAll();

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
