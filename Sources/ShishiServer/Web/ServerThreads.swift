import NIOCore
import NIOPosix

/// Which threads a server process runs its work on.
public enum ServerThreads {
    /// Makes the event loops that read and write the connections (one a core) also run Swift
    /// concurrency's tasks, the route handlers among them, so that a request is read, handled and
    /// answered on one thread instead of being handed to Swift's own pool and back. On a
    /// two-core hall server those hand-offs were a large part of a cast's cost (measured with
    /// `shishi bench hall`).
    ///
    /// Call it once, at the start of a process that serves the hall (`shishi serve --vote`): it
    /// changes where every task of the process runs. Work that blocks (a flush to disk) stays on
    /// threads of its own (the box's group commit has its own queue, the count its own thread).
    /// The year's server alone does without it: its cached pages were served faster with Swift's
    /// own pool beside the loops. Returns whether it took effect; when it did not, the server runs
    /// as before, only slower.
    @discardableResult
    public static func runTasksOnEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
