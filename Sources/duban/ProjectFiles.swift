import ArgumentParser
import DubanDocuments
import DubanLanguage
import DubanModel
import Foundation

/// Where workflow files are read from, shared by the commands that load a project.
struct ProjectOptions: ParsableArguments {
    @Option(name: .customLong("workflows"), help: ArgumentHelp("A folder or file of workflows, policies, units and calendars (repeatable).", valueName: "DIR"))
    var paths: [String] = []

    /// The paths given, else ./workflows, else the current folder.
    func resolved(adding extra: [String] = []) -> [String] {
        if !paths.isEmpty { return paths + extra }
        let fm = FileManager.default
        let base = fm.fileExists(atPath: "workflows") ? ["workflows"] : (extra.isEmpty ? ["."] : [])
        return base + extra
    }
}

/// Reads files for the pure loader: YAML files under the paths, and the names
/// templates in `templates/` folders (by name: `minutes.md.mustache` is `minutes`).
struct ProjectFiles {
    var sources: [SourceFile] = []
    var templates: [String: SourceFile] = [:]
    var explicit: Set<String> = []
    /// Files that could not be read as text, each an error; the others are still read.
    var problems: [Diagnostic] = []

    /// The largest file read: definitions are a few kilobytes, and a runaway
    /// file must not cost minutes and gigabytes before it is refused.
    static let maxBytes = 2 << 20

    static func read(_ paths: [String]) throws -> ProjectFiles {
        var files = ProjectFiles()
        let fm = FileManager.default
        var seen = Set<String>()
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ValidationError("no such file or folder: \(path)")
            }
            var found: [String] = []
            if isDir.boolValue {
                let root = URL(fileURLWithPath: path)
                let walker = fm.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey])
                while let url = walker?.nextObject() as? URL {
                    let rel = clean(path + "/" + url.path.dropFirst(root.path.count).drop { $0 == "/" })
                    if url.pathComponents.contains("templates") {
                        if !url.hasDirectoryPath, url.pathExtension == "mustache" {
                            let name = url.deletingPathExtension().deletingPathExtension().lastPathComponent
                            if let text = files.text(of: rel) { files.templates[name] = SourceFile(path: rel, text: text) }
                        }
                        continue
                    }
                    if ["yaml", "yml"].contains(url.pathExtension) { found.append(rel) }
                }
                found.sort()
            } else {
                found = [clean(path)]
                files.explicit.insert(clean(path))
            }
            for file in found where seen.insert(file).inserted {
                if let text = files.text(of: file) { files.sources.append(SourceFile(path: file, text: text)) }
            }
        }
        return files
    }

    /// A file's text, or nil with the reason recorded as an error for the file.
    mutating func text(of file: String) -> String? {
        func refuse(_ message: String) -> String? {
            problems.append(Diagnostic(.error, message, file: file, at: nil))
            return nil
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        guard size <= Self.maxBytes else {
            return refuse("the file is \(size / 1024) KB; Duban reads files of up to \(Self.maxBytes >> 20) MB")
        }
        guard let data = FileManager.default.contents(atPath: file) else { return refuse("cannot be read (permissions?)") }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            return refuse("the file is UTF-16; save it as UTF-8")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return refuse("the file is not UTF-8 text; save it as UTF-8")
        }
        return text
    }

    /// Prints the files that could not be read and exits 65 if there were any.
    func checked() throws -> ProjectFiles {
        guard !problems.isEmpty else { return self }
        printError(DiagnosticRenderer(sources: []).render(problems))
        printError("\(problems.count) error\(problems.count == 1 ? "" : "s"): nothing was done")
        throw ExitCode(dataErrorExit)
    }

    static func clean(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        while p.contains("//") { p = p.replacingOccurrences(of: "//", with: "/") }
        return p
    }

    /// Loads and prints every diagnostic; throws exit 65 when there is an error.
    static func load(_ paths: [String], quietWarnings: Bool = false) throws -> LoadResult {
        let files = try read(paths)
        var result = ProjectLoader.load(files.sources, templates: Set(files.templates.keys), explicit: files.explicit)
        result.diagnostics = (files.problems + result.diagnostics).sorted()
        let templateSources = files.templates.values.sorted { $0.path < $1.path }
        result.diagnostics += TemplateSet.check(templateSources)
        result.sources += templateSources
        let shown = quietWarnings ? result.diagnostics.filter { $0.severity == .error } : result.diagnostics
        if !shown.isEmpty { printError(DiagnosticRenderer(sources: result.sources).render(shown)) }
        if result.hasErrors {
            let n = result.diagnostics.filter { $0.severity == .error }.count
            printError("\(n) error\(n == 1 ? "" : "s"): nothing was done")
            throw ExitCode(dataErrorExit)
        }
        return result
    }

    /// A workflow named by id, or by the path of its file.
    static func workflow(_ name: String, options: ProjectOptions) throws -> (WorkflowDefinition, LoadResult) {
        let isFile = name.hasSuffix(".yaml") || name.hasSuffix(".yml")
        var extra: [String] = []
        if isFile {
            guard FileManager.default.fileExists(atPath: name) else { throw ValidationError("no such file: \(name)") }
            let dir = (name as NSString).deletingLastPathComponent
            extra = [dir.isEmpty ? "." : dir]
        }
        let result = try load(options.resolved(adding: extra), quietWarnings: true)
        let project = result.project
        let found = isFile ? project.workflows.first { $0.file == clean(name) } : project.workflow(name)
        guard let w = found else {
            let known = project.workflows.map(\.id).sorted()
            throw ValidationError("no workflow '\(name)'\(suggestion(name, known)); found: \(known.isEmpty ? "none (use --workflows DIR)" : known.joined(separator: ", "))")
        }
        return (w, result)
    }
}
