import NIOCore
import NIOPosix

/// How the server process runs its tasks.
public enum ServerRuntime {
    /// Makes SwiftNIO's event loops Swift Concurrency's global executor, as Hummingbird's and
    /// Vapor's own benchmarks run: a request's handler then runs on the thread that reads and
    /// writes its connection, without two thread switches per request. Call it first thing on
    /// the main thread of a process that will serve, before any task starts; `false` when it
    /// could not be installed (the default executor then stays).
    @MainActor
    @discardableResult
    public static func runTasksOnEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
