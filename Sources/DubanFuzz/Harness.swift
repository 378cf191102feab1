import DubanLanguage
import DubanModel
import Foundation

/// Runs one input through what reads it: YAML files through the loader (the
/// validator with them) and the renderer of its messages, CSV through the
/// table reader. Anything may be refused; nothing may crash, hang or run away.
enum Harness {
    /// The kinds of input, by the file they start from.
    enum Kind {
        case yaml, csv

        init(path: String) { self = path.hasSuffix(".csv") ? .csv : .yaml }
    }

    /// `context`: the other seed files, loaded beside a YAML input so that
    /// references across files are checked too.
    static func run(_ bytes: [UInt8], as kind: Kind, path: String, context: [SourceFile]) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch kind {
        case .csv:
            _ = try? CSVTable(parsing: text)
        case .yaml:
            let source = SourceFile(path: path, text: text)
            let result = ProjectLoader.load(context.filter { $0.path != path } + [source])
            _ = DiagnosticRenderer(sources: result.sources).render(result.diagnostics)
        }
    }

    /// Resident memory of this process, in MB (Linux: VmRSS in /proc/self/status).
    static func residentMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
        return kb >> 10
    }
}
