import Foundation
import Testing

/// The target graph as the `import` lines draw it: one direction of
/// dependency, the pure engine at the centre, YAML at the language's edge.
@Suite("Architecture")
struct ArchitectureTests {
    /// What each target may import of the project's own targets.
    static let allowed: [String: Set<String>] = [
        "DubanYAML": ["CLibYAML"],
        "DubanModel": ["CSHA256"],
        "DubanLanguage": ["DubanYAML", "DubanModel"],
        "DubanEngine": ["DubanModel"],
        "DubanStore": ["DubanEngine", "DubanModel", "CSQLiteSetup", "CLibPQ"],
        "DubanDocuments": ["DubanModel"],
        "DubanChannels": ["DubanModel", "CCurl"],
        "DubanRuntime": ["DubanStore", "DubanEngine", "DubanModel", "DubanLanguage", "DubanDocuments", "DubanChannels"],
        // The server is an edge: it reaches the store only through the runtime.
        "DubanServer": ["DubanRuntime", "DubanEngine", "DubanModel", "DubanLanguage", "DubanDocuments", "DubanChannels"],
        "duban": ["DubanRuntime", "DubanStore", "DubanEngine", "DubanModel", "DubanLanguage", "DubanDocuments", "DubanChannels", "DubanServer"],
        "DubanBench": ["DubanRuntime", "DubanStore", "DubanModel", "DubanLanguage"],
        "DubanFuzz": ["DubanLanguage", "DubanModel"],
    ]

    /// Each file's imports of project targets, by target.
    func imports() throws -> [String: [(file: String, module: String)]] {
        let sources = Paths.root.appendingPathComponent("Sources")
        let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path)
        var out: [String: [(String, String)]] = [:]
        for target in targets {
            let dir = sources.appendingPathComponent(target)
            guard let files = FileManager.default.enumerator(atPath: dir.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") where line.hasPrefix("import ") {
                    let module = String(line.dropFirst("import ".count))
                    if targets.contains(module) { out[target, default: []].append(("\(target)/\(file)", module)) }
                }
            }
        }
        return out
    }

    /// No target imports a project target outside its allowed set; only the
    /// language imports YAML.
    @Test func targetGraph() throws {
        let found = try imports()
        #expect(Set(found.keys).isSubset(of: Set(Self.allowed.keys)), "a target the graph does not know: \(found.keys.sorted())")
        for (target, uses) in found {
            for use in uses {
                #expect(Self.allowed[target]?.contains(use.module) == true, "\(use.file) imports \(use.module)")
            }
        }
        #expect(found.filter { $0.value.contains { $0.module == "DubanYAML" } }.keys.sorted() == ["DubanLanguage"])
    }

    /// The command line opens a store and does nothing else with DubanStore.
    @Test func cliOpensTheStoreOnly() throws {
        let storeUsers = try imports()["duban", default: []].filter { $0.module == "DubanStore" }.map(\.file)
        #expect(storeUsers == ["duban/RuntimeOptions.swift"])
    }
}
