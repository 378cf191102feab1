import DubanModel
@testable import DubanStore
import Foundation
import GRDB
import Testing

/// Database files that are not what they seem, and files the user may only
/// read: refused or read as they should be, never quietly set up anew.
@Suite("Database files")
struct DatabaseFileTests {
    /// A database with the quickstart deployed and one matter, in a fresh folder.
    func deployed() throws -> TempDatabase {
        let db = try TempDatabase()
        #expect(try Binary.run(["deploy", "workflows", "examples/quickstart", "--db", db.path, "--now", "2026-04-01T09:00"]).status == 0)
        let start = try Binary.run(["start", "rectification", "--input", "unit=chengguan", "--input", "problem=占道经营",
                                    "--db", db.path, "--now", "2026-04-01T09:00"])
        #expect(start.status == 0, "\(start.stderr)")
        return db
    }

    /// An empty file (a failed restore) and a file of something else are
    /// refused by every command but deploy, and left as they were.
    @Test func emptyOrForeignFilesRefused() throws {
        let db = try TempDatabase()
        FileManager.default.createFile(atPath: db.path, contents: Data())
        for args in [["tick"], ["list"], ["audit", "verify"]] {
            let r = try Binary.run(args + ["--db", db.path])
            #expect(r.status == 65 && r.stderr.contains("is not a Duban database (the file is empty)"), "\(args): \(r.stderr)")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: db.path)[.size] as? Int == 0)
        try Data("not a database\n".utf8).write(to: URL(fileURLWithPath: db.path))
        let r = try Binary.run(["tick", "--db", db.path])
        #expect(r.status == 65 && r.stderr.contains("not an SQLite database"), "\(r.stderr)")
    }

    /// A database a newer duban migrated is refused, naming both versions,
    /// and nothing in it changes.
    @Test func newerSchemaRefused() throws {
        let db = try deployed()
        try db.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
        let before = try db.digest()
        for args in [["tick"], ["list"]] {
            let r = try Binary.run(args + ["--db", db.path, "--now", "2026-04-02T09:00"])
            #expect(r.status == 65, "\(r.stderr)")
            #expect(r.stderr.contains("written by a newer duban (migration 'v99: from the future'; this duban knows up to 'v8:"))
        }
        #expect(try db.digest() == before)
    }

    /// Another process holding the write lock past the busy timeout is
    /// reported as busy, which the command line exits 75 for (try again).
    @Test func busyDatabase() throws {
        let db = try deployed()
        let holder = try DatabaseQueue(path: db.path)
        try holder.writeWithoutTransaction { conn in
            try conn.execute(sql: "BEGIN IMMEDIATE")
            defer { try? conn.execute(sql: "ROLLBACK") }
            let store = try SQLiteStore(path: db.path, access: .existing, busyTimeout: 0.2)
            #expect {
                try store.write { s in _ = try s.nextInstanceNumber() }
            } throws: { error in
                guard case StoreError.busy = error else { return false }
                return true
            }
        }
    }

    /// In a folder the user may only read, the reading commands work and a
    /// writing one says the database is read-only (exit 66). Run as `nobody`.
    @Test(.enabled(if: getuid() == 0, "needs root to run a command as another user"))
    func readOnlyFolder() throws {
        let db = try deployed()
        // A copy of the binary `nobody` may run, wherever the build folder is.
        let copy = db.dir.appendingPathComponent("duban")
        try FileManager.default.copyItem(at: Binary.url, to: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: db.dir.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: db.dir.path) }
        let asNobody = ["/usr/sbin/runuser", "-u", "nobody", "--"]
        let list = try Binary.run(["list", "--db", db.path], through: asNobody, binary: copy)
        #expect(list.status == 0 && list.stdout.contains("rectification"), "\(list.stderr)")
        let verify = try Binary.run(["audit", "verify", "--db", db.path], through: asNobody, binary: copy)
        #expect(verify.status == 0 && verify.stdout.contains("audit trail intact"), "\(verify.stderr)")
        let tick = try Binary.run(["tick", "--db", db.path, "--now", "2026-04-02T09:00"], through: asNobody, binary: copy)
        #expect(tick.status == 66 && tick.stderr.contains("is read-only here"), "\(tick.stderr)")
    }
}
