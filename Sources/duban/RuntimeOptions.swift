import ArgumentParser
import DubanModel
import DubanRuntime
import DubanStore
import Foundation

/// Where the database is and what time it is: the CLI is the only place that
/// reads the clock; everything below takes `now` as a value.
struct RuntimeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("""
        The database: an SQLite file, or postgres://USER@HOST:PORT/NAME for PostgreSQL \
        (default: $DUBAN_DB, else ./duban.sqlite).
        """, valueName: "PATH|URL"))
    var db: String?

    @Option(help: ArgumentHelp("""
        The folder for evidence files (default: $DUBAN_EVIDENCE, else beside an SQLite file, \
        else ./duban-evidence). Servers sharing a PostgreSQL database must share this folder.
        """, valueName: "DIR"))
    var evidence: String?

    @Option(help: ArgumentHelp("Act as if it were this time (YYYY-MM-DDTHH:MM, Asia/Shanghai); default: now. For replays and tests.", valueName: "DATETIME"))
    var now: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["DUBAN_DB"] ?? "duban.sqlite" }

    var location: StoreLocation { StoreLocation(path) }

    var evidenceFolder: EvidenceFolder {
        if let dir = evidence ?? ProcessInfo.processInfo.environment["DUBAN_EVIDENCE"] { return EvidenceFolder(path: dir) }
        if case .sqlite(let file) = location { return EvidenceFolder(beside: file) }
        return EvidenceFolder(path: "duban-evidence")
    }

    func instant() throws -> Instant {
        guard let now else { return Instant(seconds: Int64(Date().timeIntervalSince1970)) }
        guard let t = Zone.shanghai.parse(now) else { throw ValidationError("--now '\(now)' is not a date-time (YYYY-MM-DDTHH:MM)") }
        return t
    }

    /// The time as a run goes on: the wall clock, or --now throughout.
    func clock() throws -> () -> Instant {
        if now != nil {
            let fixed = try instant()
            return { fixed }
        }
        return { Instant(seconds: Int64(Date().timeIntervalSince1970)) }
    }

    /// Opens the store. Only `deploy`, `init` and `play` create a database;
    /// commands that only read open it read-only, so they work on a copy in
    /// a folder the user cannot write to.
    func runtime(_ access: StoreAccess = .existing, readers: Int = 0, boardSpan: Int64 = 0) throws -> Runtime {
        if case .sqlite(let file) = location, access != .create, !FileManager.default.fileExists(atPath: file) {
            throw ValidationError("no database at \(file): run 'duban deploy workflows/' first, or give --db PATH")
        }
        return try refusing { Runtime(store: try location.open(access, readers: readers), evidence: evidenceFolder, boardSpan: boardSpan) }
    }
}

extension RuntimeOptions {
    /// The database `db copy` writes into. An existing file must already be a
    /// Duban database (then checked to be empty): nothing is set up over
    /// someone else's file.
    func copyTarget() throws -> any CopyableStore {
        if case .sqlite(let file) = location, FileManager.default.fileExists(atPath: file) { return try location.open(.existing) }
        return try location.open(.create)
    }
}

/// Runs a runtime call, turning its refusals into a message and exit 65.
func refusing<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as RuntimeError {
        printRefusal(error)
        throw ExitCode(error.exitStatus)
    } catch let error as StoreError {
        printError("error: \(error)")
        throw ExitCode(RuntimeError.database(error).exitStatus)
    } catch let error as AccessError {
        printError("error: \(error)")
        throw ExitCode(dataErrorExit)
    }
}

/// `KEY=VALUE` pairs from repeated options.
func keyValues(_ pairs: [String], option: String) throws -> [String: Value] {
    var out: [String: Value] = [:]
    for pair in pairs {
        guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else { throw ValidationError("\(option) '\(pair)' must be KEY=VALUE") }
        let key = String(pair[..<eq])
        guard out[key] == nil else { throw ValidationError("\(option) '\(key)' is given twice; give each once") }
        out[key] = .text(String(pair[pair.index(after: eq)...]))
    }
    return out
}

/// A refusal as the clerk reads it, with the offending lines of definitions.
func printRefusal(_ error: RuntimeError) {
    if case .invalidDefinitions(let diagnostics, let sources) = error {
        printError(DiagnosticRenderer(sources: sources).render(diagnostics))
    }
    printError("error: \(error)")
}

extension RuntimeError {
    /// 65 for bad input or data, 66 when the database cannot be opened, 75
    /// when it is busy (try again), as docs/cli.md lists them.
    var exitStatus: Int32 {
        switch self {
        case .database(.cannotOpen), .database(.readOnly), .database(.unreachable): return 66
        case .database(.busy), .database(.conflict): return 75
        default: return dataErrorExit
        }
    }
}
