@testable import DubanDocuments
import DubanEngine
import DubanLanguage
import DubanModel
@testable import DubanRuntime
import DubanYAML
import Foundation
import Testing

/// Hostile or careless input: refused with a clear message, never a crash,
/// a hang or a runaway.
@Suite("Hardening")
struct HardeningTests {
    /// A cell that a spreadsheet would run as a formula is written as text;
    /// other cells, quoting included, are as before.
    @Test func csvFormulasNeutralised() {
        let text = CSV.text([["=HYPERLINK(\"http://x\")", "+1", "-2", "@sum", "\tx", "区城管委", "a,b"]])
        #expect(text == "\u{FEFF}\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@sum,'\tx,区城管委,\"a,b\"\r\n")
    }

    /// Nesting beyond the bound is refused at its line and column, not by
    /// overflowing the stack (6,100 levels used to crash the composer).
    @Test func deepNestingRefused() {
        let text = "workflow: x\nstates: " + String(repeating: "[", count: 6_100) + String(repeating: "]", count: 6_100) + "\n"
        let doc = YAML.parse(text)
        #expect(doc.root == nil)
        #expect(doc.problems.first?.message.contains("nested more than \(YAML.maxDepth) levels") == true)
        #expect(doc.problems.first?.position.line == 2)
    }

    /// Aliases that multiply (a "billion laughs") stop at the node bound with
    /// a message, whatever the expansion would have been.
    @Test func aliasExpansionBounded() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let clock = ContinuousClock()
        let start = clock.now
        let doc = YAML.parse(text)
        #expect(clock.now - start < .seconds(5))
        #expect(doc.root == nil)
        #expect(doc.problems.first?.message.contains("expands to more than") == true)
    }

    /// Merge keys cost time in proportion to what they produce: a file of
    /// 1,000 mappings each merging 50 keys composes, with the keys written in
    /// a mapping winning over the merged ones.
    @Test func mergeKeysLinear() throws {
        var text = "base: &base {" + (0..<50).map { "k\($0): \($0)" }.joined(separator: ", ") + "}\nitems:\n"
        for i in 0..<1_000 { text += "  - { <<: *base, k0: own\(i) }\n" }
        let doc = YAML.parse(text)
        #expect(doc.problems.isEmpty)
        let items = try #require(doc.root?["items"]?.sequence)
        #expect(items.count == 1_000 && items.allSatisfy { $0.mapping?.count == 50 })
        #expect(items[7]["k0"]?.text == "own7" && items[7]["k49"]?.text == "49")
    }

    /// Each level merging every level before it (a 25 KB file that took 87 s
    /// to deploy): composed or refused at the node bound in well under a second's work.
    @Test func mergeEverythingBounded() {
        var text = "m0: &m0 {k0: 0}\n"
        for i in 1..<100 { text += "m\(i): &m\(i) {<<: [" + (0..<i).map { "*m\($0)" }.joined(separator: ", ") + "], k\(i): \(i)}\n" }
        #expect(text.utf8.count > 20_000)
        let clock = ContinuousClock()
        let start = clock.now
        let doc = YAML.parse(text)
        #expect(clock.now - start < .seconds(5))
        #expect(doc.problems.first?.message.contains("expands to more than") == true)
    }

    /// Expressions nested or long beyond the bounds are refused with a message.
    @Test func expressionBounds() {
        let deep = String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
        #expect(throws: ExprError.self) { try Expression(parsing: deep) }
        let long = Array(repeating: "1", count: 3_000).joined(separator: " + ")
        #expect(throws: ExprError.self) { try Expression(parsing: long) }
        #expect(throws: Never.self) { try Expression(parsing: "(((1))) + " + Array(repeating: "1", count: 100).joined(separator: " + ")) }
    }

    /// A folder of files to validate, removed at the end.
    func validate(_ files: [String: Data]) throws -> Binary.Output {
        let db = try TempDatabase()
        for (name, data) in files { try data.write(to: db.dir.appendingPathComponent(name)) }
        return try Binary.run(["validate", db.dir.path])
    }

    /// A UTF-16 file and a file of invalid UTF-8 are bad input (65), each
    /// named, and they do not hide the other files' errors.
    @Test func encodingsReported() throws {
        let r = try validate([
            "a.yaml": Data([0xFF, 0xFE]) + "workflow: a\n".data(using: .utf16LittleEndian)!,
            "b.yaml": Data("workflow: b\ntitle: \u{00e9}".utf8.dropLast(2)) + Data([0xC3, 0x28, 0x0A]),
            "c.yaml": Data("workflow: c\nversion: 1\ninitial: x\nstates: { y: { final: true } }\n".utf8),
        ])
        #expect(r.status == 65)
        #expect(r.stderr.contains("a.yaml: error: the file is UTF-16; save it as UTF-8"))
        #expect(r.stderr.contains("b.yaml: error: the file is not UTF-8 text; save it as UTF-8"))
        #expect(r.stderr.contains("c.yaml:1:1: error: the initial state 'x' is not defined"))
    }

    /// An oversized file is refused by its size before it is read; a file
    /// with very many mistakes shows the first 100 and counts the rest; a
    /// runaway line is shown around the mistake, not whole.
    @Test func runawayInputBounded() throws {
        let big = try validate(["big.yaml": Data(repeating: UInt8(ascii: "#"), count: 3 << 20)])
        #expect(big.status == 65 && big.stderr.contains("big.yaml: error: the file is 3072 KB; Duban reads files of up to 2 MB"))
        let many = "workflow: m\nversion: 1\ninitial: a\nstates: { a: { final: true } }\n"
            + (0..<150).map { "unknown\($0): 1\n" }.joined()
        let r = try validate(["many.yaml": Data(many.utf8)])
        #expect(r.status == 65)
        let shown = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") || $0.contains(": warning: ") }
        #expect(shown.count == 100)
        #expect(r.stderr.contains("… and 51 more (fix these first)"))
        let long = "workflow: l\nversion: 1\ninitial: a\nstates: { a: { final: true } }\ntitle: [" + String(repeating: "x", count: 200_000) + "\n"
        let l = try validate(["long.yaml": Data(long.utf8)])
        #expect(l.status == 65 && l.stderr.utf8.count < 2_000)
    }

    /// `--out` replaces only a regular file, keeping its mode; a named pipe
    /// (or a device) at the path is refused and left as it was.
    @Test func outputOnlyOverRegularFiles() throws {
        let s = try DocumentScenario()
        let fifo = s.db.dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let refused = try Binary.run(["archive", "--out", fifo, "--db", s.db.path])
        #expect(refused.status == 64 && refused.stderr.contains("it is not a regular file"))
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
        let file = s.db.dir.appendingPathComponent("campaign.zip").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data("old".utf8), attributes: [.posixPermissions: 0o600]))
        let written = try Binary.run(["archive", "--out", file, "--db", s.db.path])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(lstat(file, &st) == 0 && st.st_mode & 0o777 == 0o600 && st.st_size > 1000)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: s.db.dir.path).filter { $0.hasPrefix(".duban-") }
        #expect(leftovers.isEmpty)
    }

    /// Control characters (but tab and newline) are refused in inputs and
    /// event fields, and fields an event does not declare are refused too;
    /// nothing is written.
    @Test(arguments: StoreKind.available) func controlCharactersAndUndeclaredFieldsRefused(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
        let rt = try db.runtime()
        try rt.deploy(try deployable(), now: at("2026-04-01T09:00"))
        let before = try db.digest()
        for bad in ["占道\u{1B}[2J经营", "a\u{0}b", "a\u{7F}", "a\u{85}b", "a\rb"] {
            let error = #expect(throws: RuntimeError.self) {
                try rt.start("rectification", rows: [["unit": .text("chengguan"), "problem": .text(bad)]], now: at("2026-04-01T09:00"))
            }
            #expect(error.map { "\($0)" }?.contains("'problem' holds a control character (U+") == true)
        }
        #expect(try db.digest() == before)
        let id = try rt.start("rectification", rows: [["unit": .text("chengguan"), "problem": .text("占道\t经营\n第二行")]],
                              now: at("2026-04-01T09:00"))[0]
        let written = try db.digest()
        #expect(throws: RuntimeError.self) {
            try rt.signal(id, Event(name: "acknowledge", actor: "chengguan", payload: ["note": .text("x")]), now: at("2026-04-01T10:00"))
        }
        #expect(try db.digest() == written)
        let detail = try rt.matter(id, as: .office, now: at("2026-04-01T10:00"))
        #expect(detail.matter.instance.values["problem"] == .text("占道\t经营\n第二行"))
    }

    /// Control characters already stored (from an older version, or edited
    /// in) are shown as `\u{1B}` by `duban show` and in Markdown and HTML.
    @Test func controlCharactersEscapedOnOutput() throws {
        #expect(!MarkdownText.escape("a\u{1B}[2Jb\u{0}").unicodeScalars.contains { $0.value < 0x20 })
        #expect(MarkdownText.escape("a\u{1B}b").contains("u{1B}"))
        #expect(HTML.escape("a\u{1B}b\u{9B}c") == "a\\u{1B}b\\u{9B}c")
        let db = try TempDatabase()
        #expect(try Binary.run(["deploy", "workflows", "examples/quickstart", "--db", db.path, "--now", "2026-04-01T09:00"]).status == 0)
        _ = try Binary.run(["start", "rectification", "--input", "unit=chengguan", "--input", "problem=占道经营", "--db", db.path,
                            "--now", "2026-04-01T09:00"])
        try db.execute("UPDATE instances SET \"values\" = replace(\"values\", '占道', '占道' || char(27) || '[2J')")
        let shown = try Binary.run(["show", "1", "--db", db.path])
        #expect(shown.status == 0 && !shown.stdout.unicodeScalars.contains("\u{1B}") && shown.stdout.contains("占道\\u{1B}[2J经营"))
    }

    /// Clerks' slips get a message and a documented status: an empty or
    /// header-only CSV (65), a CSV with old Mac line endings (read as lines),
    /// a --data key given twice (64), an offset that is not one (64), an
    /// unknown document kind (65).
    @Test(arguments: StoreKind.available) func clerksSlips(_ store: StoreKind) throws {
        let db = try TempDatabase(store)
        func duban(_ args: [String]) throws -> Binary.Output { try Binary.run(args + ["--db", db.path]) }
        #expect(try duban(["deploy", "workflows", "examples/quickstart", "--now", "2026-04-01T09:00"]).status == 0)
        func csv(_ text: String) throws -> Binary.Output {
            let file = db.dir.appendingPathComponent("rows.csv")
            try Data(text.utf8).write(to: file)
            return try duban(["start", "rectification", "--inputs", file.path, "--now", "2026-04-01T09:00"])
        }
        let headerOnly = try csv("unit,problem\n")
        #expect(headerOnly.status == 65 && headerOnly.stderr.contains("rows.csv:2: error: the file has a header but no rows"))
        #expect(try csv("").status == 65)
        let mac = try csv("unit,problem\rchengguan,占道经营\rgongan,照明\r")
        #expect(mac.status == 0 && mac.stdout.split(separator: "\n") == ["1", "2"], "\(mac.stderr)")
        let twice = try duban(["signal", "1", "acknowledge", "--actor", "chengguan", "--data", "a=1", "--data", "a=2"])
        #expect(twice.status == 64 && twice.stderr.contains("--data 'a' is given twice"))
        let offset = try duban(["tick", "--now", "2026-04-01T09:00+99:99"])
        #expect(offset.status == 64 && offset.stderr.contains("is not a date-time"))
        let kind = try duban(["render", "1", "--kind", "nonsense", "--draft"])
        #expect(kind.status == 65 && kind.stderr.contains("no document kind 'nonsense'"), "\(kind.stderr)")
    }
}
