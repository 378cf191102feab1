import NIOPosix

/// Runs database and bcrypt work on NIO's blocking pool, never on an event
/// loop: an event loop that waits on SQLite stalls every connection on it.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}
