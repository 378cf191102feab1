import DubanModel
import Foundation

/// A ZIP of files at fixed paths, stamped with one date: the same files give
/// the same bytes, so an archive can be checked by its hash.
public struct ArchiveBuilder {
    private var zip: ZipWriter
    private var files: [String: Data] = [:]

    public init(day: Day) { zip = ZipWriter(day: day) }

    /// A later file at the same path gets a numbered name rather than replacing it.
    public mutating func add(_ path: String, _ data: Data) -> String {
        var unique = path
        var n = 2
        while files[unique] != nil {
            let ext = (path as NSString).pathExtension
            unique = (path as NSString).deletingPathExtension + "-\(n)" + (ext.isEmpty ? "" : ".\(ext)")
            n += 1
        }
        files[unique] = data
        return unique
    }

    public mutating func add(_ path: String, _ text: String) -> String { add(path, Data(text.utf8)) }

    public func data() throws -> Data {
        var z = zip
        for path in files.keys.sorted() { z.add(path, files[path]!) }
        return try z.data()
    }
}

/// Makes text safe as one path component in any archive tool.
public func fileNameSafe(_ s: String) -> String {
    String(s.map { "/\\:*?\"<>|\0".contains($0) || $0.isNewline ? "_" : $0 }.prefix(80))
}
