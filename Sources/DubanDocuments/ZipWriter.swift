import DubanModel
import Foundation
import ZIPFoundation

/// Builds a ZIP in memory with fixed entry dates and order, so the same
/// content always gives the same bytes (DOCX files and the archive).
struct ZipWriter {
    private var entries: [(String, Data)] = []
    let date: Date

    /// `day`: the date stamped on every entry (noon UTC, so no zone shifts it).
    init(day: Day) {
        date = Date(timeIntervalSince1970: TimeInterval((day.ordinal - Day(year: 1970, month: 1, day: 1).ordinal) * 86400 + 43200))
    }

    mutating func add(_ path: String, _ text: String) { entries.append((path, Data(text.utf8))) }
    mutating func add(_ path: String, _ data: Data) { entries.append((path, data)) }

    func data() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 permissions: 0o644, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let bytes = archive.data else { throw DocumentError.zip("the archive could not be built in memory") }
        return bytes
    }
}
