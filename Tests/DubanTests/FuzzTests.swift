import Foundation
import Testing

/// The fuzzing harness (Sources/DubanFuzz): a short seeded run, and every
/// input that ever crashed, kept under Fixtures/fuzz. The test command also
/// runs 20,000 inputs on a release build; docs/testing.md has the long run.
@Suite("Fuzzing harness")
struct FuzzTests {
    static let harness = Binary.url.deletingLastPathComponent().appendingPathComponent("DubanFuzz")

    func fuzz(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let db = try TempDatabase()
        let process = Process()
        process.executableURL = Self.harness
        process.arguments = arguments + ["--out", db.dir.path]
        process.currentDirectoryURL = Paths.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// Every kept input (deep nesting that overflowed the stack, alias and
    /// merge bombs, a deep expression, odd encodings) is read without a crash.
    @Test func regressionInputs() throws {
        let r = try fuzz(["--replay", Paths.fixtures.appendingPathComponent("fuzz").path])
        #expect(r.status == 0 && r.output.contains("replayed 8 inputs: none crashed"), "\(r.output)")
    }

    /// 300 seeded mutations of the shipped files: no crash, no hang, memory bounded.
    @Test func shortRun() throws {
        let r = try fuzz(["--count", "300", "--seed", "11"])
        #expect(r.status == 0 && r.output.contains("300 inputs (seed 11"), "\(r.output)")
    }
}
