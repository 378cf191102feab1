import DubanStore
import Foundation
import Testing

/// The same office on SQLite and on PostgreSQL, and moving it between them,
/// through the real binary.
@Suite("Moving between stores")
struct StoreMoveTests {
    /// The district quarter played on SQLite and on PostgreSQL issues the
    /// same documents and a byte-identical archive.
    @Test func districtPlaysTheSameOnBoth() throws {
        guard StoreKind.available.contains(.postgres) else { return }
        let (sqlite, postgres) = (try TempDatabase(.sqlite), try TempDatabase(.postgres))
        for db in [sqlite, postgres] {
            let r = try Binary.run(["play", "examples/wenming-district/quarter.yaml", "--db", db.path, "--out", db.dir.appendingPathComponent("out").path])
            #expect(r.status == 0, "\(r.stderr)")
        }
        func outputs(_ db: TempDatabase) -> [String] {
            let out = db.dir.appendingPathComponent("out").path
            return (FileManager.default.enumerator(atPath: out)?.allObjects as? [String] ?? []).filter { path in
                var folder: ObjCBool = false
                return FileManager.default.fileExists(atPath: out + "/" + path, isDirectory: &folder) && !folder.boolValue
            }.sorted()
        }
        let files = outputs(sqlite)
        #expect(files.contains("archive.zip") && files.filter { $0.hasSuffix(".docx") }.count == 18)
        #expect(outputs(postgres) == files)
        for file in files {
            let a = try Data(contentsOf: sqlite.dir.appendingPathComponent("out/\(file)"))
            let b = try Data(contentsOf: postgres.dir.appendingPathComponent("out/\(file)"))
            #expect(a == b, "\(file) differs between SQLite and PostgreSQL")
        }
    }

    /// SQLite → PostgreSQL → SQLite keeps every row: after the same tick on
    /// all three, their archives are byte-identical. A target that holds
    /// anything is refused and left as it was.
    @Test func copyThereAndBack() throws {
        guard StoreKind.available.contains(.postgres) else { return }
        let (origin, middle, back) = (try TempDatabase(.sqlite), try TempDatabase(.postgres), try TempDatabase(.sqlite))
        #expect(try Binary.run(["play", "examples/wenming-district/quarter.yaml", "--db", origin.path]).status == 0)
        #expect(try Binary.run(["user", "add", "li.ming", "--office", "--db", origin.path], input: "correct horse 2026\n").status == 0)

        let there = try Binary.run(["db", "copy", "--db", origin.path, "--to", middle.path])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.contains("audit trail intact on both"))
        #expect(try Binary.run(["db", "copy", "--db", middle.path, "--to", back.path]).status == 0)

        // Refused: a target with data, unchanged after.
        let before = try middle.digest()
        let again = try Binary.run(["db", "copy", "--db", back.path, "--to", middle.path])
        #expect(again.status == 65)
        #expect(again.stderr.contains("already holds data; copy into an empty database"))
        #expect(try middle.digest() == before)
        // Refused: a file that is not a Duban database.
        let foreign = origin.dir.appendingPathComponent("notes.sqlite").path
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: foreign))
        #expect(try Binary.run(["db", "copy", "--db", origin.path, "--to", foreign]).status == 65)
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == Data("not a database".utf8))

        var archives: [Data] = []
        for db in [origin, middle, back] {
            #expect(try Binary.run(["tick", "--db", db.path, "--now", "2026-07-20T09:30", "--catch-up"]).status == 0)
            let zip = db.dir.appendingPathComponent("archive.zip").path
            #expect(try Binary.run(["archive", "--db", db.path, "--out", zip]).status == 0)
            archives.append(try Data(contentsOf: URL(fileURLWithPath: zip)))
            #expect(try Binary.run(["user", "list", "--db", db.path]).stdout.contains("li.ming"))
        }
        #expect(archives[0] == archives[1] && archives[1] == archives[2])
    }
}

@Suite("PostgreSQL connections")
struct PostgresConnectionTests {
    /// A server that is not there gets one line naming host and port, never
    /// the password, within the connect timeout, and exit 66.
    @Test func deadServerOneLine() throws {
        let port = try freePort()
        let started = ContinuousClock.now
        let r = try Binary.run(["list", "--db", "postgres://duban:hunter2secret@127.0.0.1:\(port)/office?connect_timeout=3"])
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(r.status == 66)
        #expect(r.stderr.hasPrefix("error: cannot reach the PostgreSQL server at 127.0.0.1:\(port): "))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!r.stderr.contains("hunter2secret") && !r.stdout.contains("hunter2secret"))
    }

    /// A loopback port nothing listens on.
    func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

@Suite("Moving an empty database")
struct EmptyCopyTests {
    /// A PostgreSQL database set up but holding nothing keeps its empty trail's
    /// head as a row at seq 0; copied to SQLite, that row would pass for a head
    /// and the first event there would link to nothing. The copy leaves it out:
    /// the SQLite copy takes a deployment and a start, and verifies.
    @Test func emptyPostgresToSQLite() throws {
        guard StoreKind.available.contains(.postgres) else { return }
        let (postgres, sqlite) = (try TempDatabase(.postgres), try TempDatabase(.sqlite))
        _ = try StoreLocation(postgres.path).open(.create)
        #expect(try Binary.run(["db", "copy", "--db", postgres.path, "--to", sqlite.path]).status == 0)
        let rt = try sqlite.runtime()
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        _ = try rt.start("chain", rows: [[:]], now: at("2026-04-01T09:00"))
        let verify = try rt.verifyAudit()
        #expect(verify.events > 0 && verify.problems.isEmpty, "\(verify.problems)")
    }
}
