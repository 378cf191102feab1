@testable import DubanStore
import DubanModel
import Foundation
import Testing

/// The test run's PostgreSQL server, named by $DUBAN_TEST_POSTGRES (a URL
/// to its maintenance database; scripts/test starts a throwaway cluster and
/// sets it). Each test gets a database of its own, dropped at its end.
enum TestPostgres {
    static let admin: String? = ProcessInfo.processInfo.environment["DUBAN_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// The URL of database `name` on the test server.
    static func url(database name: String) -> String {
        var parts = URLComponents(string: admin ?? "")!
        parts.path = "/" + name
        return parts.string!
    }

    static func createDatabase() throws -> String {
        guard let admin else { throw StoreError.cannotOpen(path: "PostgreSQL", reason: "DUBAN_TEST_POSTGRES is not set") }
        let name = "duban_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try PGConnection(url: admin).execute("CREATE DATABASE \(name)")
        return name
    }

    static func dropDatabase(_ name: String) {
        guard let admin else { return }
        // FORCE: a store still open on it is cut off.
        try? PGConnection(url: admin).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Whether another session could take a tick's claim lock now (and does not keep it).
    static func claimIsFree(url: String) throws -> Bool {
        try PGConnection(url: url).query("SELECT pg_try_advisory_lock($1)", [String(AdvisoryLock.claim.rawValue)]).string(0, 0) == "t"
    }

    /// A session holding `lock` until it is closed, as a ticker does between its claim and the audit head.
    static func hold(_ lock: AdvisoryLock, url: String) throws -> PGConnection {
        let c = try PGConnection(url: url)
        try c.query("SELECT pg_advisory_lock($1)", [String(lock.rawValue)])
        return c
    }

    /// Every row of every table, each table's rows sorted: equal digests mean nothing changed.
    static func digest(_ url: String) throws -> String {
        let c = try PGConnection(url: url)
        let tables = try c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", [])
        var out = ""
        for i in 0..<tables.count {
            let table = tables.string(i, 0)
            let rows = try c.query("SELECT t::text FROM \"\(table)\" AS t", [])
            out += "## \(table)\n" + (0..<rows.count).map { rows.string($0, 0) }.sorted().joined(separator: "\n")
        }
        return SHA256.hex(out)
    }
}


@Suite("The test run's PostgreSQL")
struct TestPostgresTests {
    /// The test command (scripts/test) runs the runtime's tests on PostgreSQL
    /// too: when it asks for that, a missing server fails the run instead of
    /// leaving the PostgreSQL cases out unseen.
    @Test func serverIsThereWhenRequired() throws {
        guard ProcessInfo.processInfo.environment["DUBAN_TEST_REQUIRE_POSTGRES"] == "1" else { return }
        #expect(TestPostgres.admin != nil)
        #expect(StoreKind.available.contains(.postgres))
        let name = try TestPostgres.createDatabase()
        defer { TestPostgres.dropDatabase(name) }
        #expect(try PGConnection(url: TestPostgres.url(database: name)).query("SELECT 1", []).int64(0, 0) == 1)
    }
}
