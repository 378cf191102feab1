import Foundation
import Testing

/// One HTTP exchange with the test server, as curl saw it.
struct Exchange {
    var method: String
    var path: String
    var status: Int
    /// Header names in lower case.
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
}

/// The example district served by a real `duban serve`: accounts for the
/// office (admin and viewer) and two units (A: chengguan, B: gongan), A's
/// and B's matters, a document about A, and signed links. The server stops
/// and the folder goes when the site does.
final class ServerSite: @unchecked Sendable {
    let folder: URL
    var site: URL { folder.appendingPathComponent("site") }
    private(set) var port = 0
    private var process: Process?
    private(set) var log: URL
    /// The PostgreSQL database, when the site runs on one (`DUBAN_DB` for every command).
    private let database: TempDatabase?
    private var environment: [String: String] { database.map { ["DUBAN_DB": $0.path] } ?? [:] }

    static let passwords = ["li.ming": "office-pass-2026", "zhao.lei": "viewer-pass-2026",
                            "wang.fang": "unit-a-pass-2026", "zhang.wei": "unit-b-pass-2026"]

    init(tickEvery: String = "0", store: StoreKind = .sqlite) throws {
        database = store == .postgres ? try TempDatabase(.postgres) : nil
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("duban-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        log = folder.appendingPathComponent("serve.log")
        try check(Binary.run(["init", site.path, "--example"]))
        try duban(["deploy"])
        try duban(["user", "add", "li.ming", "--office"], input: Self.passwords["li.ming"]! + "\n")
        try duban(["user", "add", "zhao.lei", "--office", "--viewer"], input: Self.passwords["zhao.lei"]! + "\n")
        try duban(["user", "add", "wang.fang", "--unit", "chengguan"], input: Self.passwords["wang.fang"]! + "\n")
        try duban(["user", "add", "zhang.wei", "--unit", "gongan"], input: Self.passwords["zhang.wei"]! + "\n")
        port = Int.random(in: 20000..<60000)
        try start(tickEvery: tickEvery)
    }

    deinit {
        _ = stop()
        try? FileManager.default.removeItem(at: folder)
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// Runs duban in the site folder; a failure fails the test with its output.
    @discardableResult
    func duban(_ args: [String], input: String? = nil) throws -> Binary.Output {
        try check(Binary.run(args, in: site, environment: environment, input: input))
    }

    @discardableResult
    private func check(_ out: Binary.Output) throws -> Binary.Output {
        guard out.status == 0 else { throw SiteError("duban failed (\(out.status)): \(out.stderr)\(out.stdout)") }
        return out
    }

    /// Starts `duban serve` and waits until /healthz answers; another port is tried if this one is taken.
    func start(tickEvery: String = "0") throws {
        for _ in 0..<5 {
            let p = Process()
            p.executableURL = Binary.url
            p.arguments = ["serve", "--listen", "127.0.0.1:\(port)", "--public-url", base, "--tick-every", tickEvery]
            p.currentDirectoryURL = site
            if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            handle.seekToEndOfFile()
            p.standardOutput = handle
            p.standardError = handle
            p.standardInput = FileHandle.nullDevice
            try p.run()
            process = p
            for _ in 0..<200 {
                if !p.isRunning { break }
                if let r = try? request("GET", "/healthz", maxTime: 1), r.status == 200 { return }
                Thread.sleep(forTimeInterval: 0.05)
            }
            _ = stop()
            port = Int.random(in: 20000..<60000)
        }
        throw SiteError("duban serve did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }

    /// Sends SIGTERM and waits up to 15 s; the exit status (nil when it was
    /// not running; -9 when it had to be killed, which a test then fails on).
    /// SIGTERM, then SIGKILL (and -9) if it has not exited `within` seconds.
    func stop(within seconds: Double = 15) -> Int32? {
        guard let p = process, p.isRunning else { return nil }
        process = nil
        p.terminate()
        let deadline = Date().addingTimeInterval(seconds)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !p.isRunning else {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            return -9
        }
        return p.terminationStatus
    }

    var serverProcess: Process? { process }

    /// One request through curl. `files`: form field name and file, sent as multipart.
    func request(_ method: String, _ path: String, headers: [String: String] = [:], json: String? = nil,
                 fields: [String: String] = [:], files: [(String, URL)] = [], maxTime: Double = 20) throws -> Exchange {
        let id = UUID().uuidString
        let bodyFile = folder.appendingPathComponent("body-\(id)"), headerFile = folder.appendingPathComponent("head-\(id)")
        defer {
            try? FileManager.default.removeItem(at: bodyFile)
            try? FileManager.default.removeItem(at: headerFile)
        }
        var args = ["-s", "-o", bodyFile.path, "-D", headerFile.path, "-w", "%{http_code}", "-X", method, "--max-time", String(maxTime)]
        for (k, v) in headers { args += ["-H", "\(k): \(v)"] }
        if let json { args += ["-H", "Content-Type: application/json", "--data-binary", json] }
        for (k, v) in fields.sorted(by: { $0.key < $1.key }) { args += ["-F", "\(k)=\(v)"] }
        for (k, f) in files { args += ["-F", "\(k)=@\(f.path)"] }
        args.append(base + path)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let code = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        // 28: the time ran out, as it does on a stream; what came is kept.
        guard p.terminationStatus == 0 || p.terminationStatus == 28 else { throw SiteError("curl \(method) \(path) failed: \(p.terminationStatus)") }
        var head: [String: String] = [:]
        for line in ((try? String(contentsOf: headerFile, encoding: .utf8)) ?? "").split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            head[name] = head[name].map { $0 + "\n" + value } ?? value
        }
        return Exchange(method: method, path: path, status: Int(String(decoding: code, as: UTF8.self)) ?? 0, headers: head,
                        body: FileManager.default.contents(atPath: bodyFile.path) ?? Data())
    }

    /// Opens a server-sent-events stream through curl; `SSE.read` waits
    /// for what the test expects, not for a fixed time that a loaded
    /// machine may overrun.
    func stream(_ path: String, headers: [String: String], within: Double = 20) throws -> SSE {
        let file = folder.appendingPathComponent("stream-\(UUID().uuidString)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = ["-s", "-N", "--max-time", String(within)]
            + headers.flatMap { ["-H", "\($0.key): \($0.value)"] } + [base + path]
        // Standard output, which -N flushes as each event comes; `-o FILE` is buffered.
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let out = try FileHandle(forWritingTo: file)
        defer { try? out.close() }
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        return SSE(process: p, file: file)
    }

    /// Logs in; the session cookie and the CSRF token, as a browser would send them.
    func login(_ name: String) throws -> [String: String] {
        let r = try request("POST", "/api/v1/login", json: "{\"name\":\"\(name)\",\"password\":\"\(Self.passwords[name]!)\"}")
        guard r.status == 200, let cookie = r.headers["set-cookie"]?.split(separator: ";").first, let csrf = r.json["csrf_token"] as? String else {
            throw SiteError("login of \(name) failed: \(r.status) \(r.text)")
        }
        return ["Cookie": String(cookie), "X-CSRF-Token": csrf]
    }

    /// A new API token for an account.
    func token(_ name: String) throws -> [String: String] {
        let out = try duban(["token", "create", name])
        return ["Authorization": "Bearer " + out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)]
    }

    /// Delivers the outbox on the console; the signed link tokens printed, by matter.
    func deliverLinks(now: String? = nil) throws -> [String: String] {
        let out = try duban(["deliver", "--public-url", base] + (now.map { ["--now", $0] } ?? []))
        var links: [String: String] = [:]
        for line in out.stdout.split(separator: "\n") {
            guard let r = line.range(of: "/l/") else { continue }
            let token = String(line[r.upperBound...])
            links[Self.matter(ofLink: token)] = token
        }
        return links
    }

    /// The matter a link token names (its fields are signed, not secret).
    static func matter(ofLink token: String) -> String {
        var b = String(token.split(separator: ".")[0]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        b += String(repeating: "=", count: (4 - b.count % 4) % 4)
        let fields = String(decoding: Data(base64Encoded: b) ?? Data(), as: UTF8.self).split(separator: "\u{1F}")
        return fields.count > 1 ? String(fields[1]) : ""
    }

    /// A one-pixel PNG, written into the folder.
    func png() throws -> URL {
        let url = folder.appendingPathComponent("after.png")
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("rest of a photo".utf8)
        try Data(bytes).write(to: url)
        return url
    }

    func file(_ name: String, _ data: Data) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }
}

struct SiteError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A stream being read by curl into a file.
struct SSE {
    let process: Process
    let file: URL

    /// What came until `enough` holds of it or curl's time runs out; then hangs up.
    func read(until enough: (String) -> Bool) -> String {
        defer { try? FileManager.default.removeItem(at: file) }
        while process.isRunning, !enough(text) { Thread.sleep(forTimeInterval: 0.1) }
        // SIGKILL: the test runner's ignored SIGTERM is inherited by curl.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return text
    }

    private var text: String { (try? String(contentsOf: file, encoding: .utf8)) ?? "" }
}
