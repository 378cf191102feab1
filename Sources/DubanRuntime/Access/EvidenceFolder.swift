import DubanModel
import Foundation

/// Where evidence files live: beside the database, one file per content,
/// named by its SHA-256 (`ab/abcdef….jpg`), so the same photo sent twice
/// is kept once and a file can be checked against the audit trail.
public struct EvidenceFolder: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The folder for a database file: `duban.sqlite` keeps its evidence in `duban.sqlite.evidence/`.
    public init(beside database: String) { self.init(path: database + ".evidence") }

    /// The most one file may be, and the most one matter may hold.
    public static let fileLimit = 10 << 20
    public static let matterLimit = 50 << 20

    /// Checks a file and keeps it; refused files are not written. `created`:
    /// the folder did not hold it before (so a refused event takes it away again).
    public func put(_ bytes: [UInt8], name: String) throws -> (sha256: String, type: EvidenceType, created: Bool) {
        guard bytes.count <= Self.fileLimit else { throw AccessError.fileTooLarge(name: name, limit: Self.fileLimit) }
        guard let type = EvidenceType(sniffing: bytes) else { throw AccessError.notEvidence(name: name) }
        let hash = bytes.withUnsafeBufferPointer { SHA256.hex($0) }
        let file = location(hash, type)
        let fm = FileManager.default
        let created = !fm.fileExists(atPath: file)
        if created {
            try fm.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // Written whole under a temporary name, then renamed: a reader never sees half a file.
            let temp = file + ".part-" + UUID().uuidString
            guard fm.createFile(atPath: temp, contents: Data(bytes)) else {
                throw RuntimeError.database(.cannotOpen(path: path, reason: "the evidence folder cannot be written"))
            }
            try? fm.moveItem(atPath: temp, toPath: file)
            try? fm.removeItem(atPath: temp)
        }
        return (hash, type, created)
    }

    /// Takes away a file this request put there, when its event was refused.
    public func discard(_ hash: String, _ type: EvidenceType) {
        let file = location(hash, type)
        try? FileManager.default.removeItem(atPath: file)
        // The two-letter folder too, when this was its only file (rmdir refuses a folder that is not empty).
        _ = rmdir((file as NSString).deletingLastPathComponent)
    }

    /// The file's bytes; nil when it is missing.
    public func bytes(_ a: Attachment) -> Data? { FileManager.default.contents(atPath: location(a.sha256, a.mediaType)) }

    func location(_ hash: String, _ type: EvidenceType) -> String {
        "\(path)/\(hash.prefix(2))/\(hash).\(type.fileExtension)"
    }
}
