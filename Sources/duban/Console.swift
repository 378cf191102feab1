import ArgumentParser
import Foundation

/// Writes to standard error, where diagnostics and warnings go.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The exit status of a run that found errors in its input (sysexits EX_DATAERR).
let dataErrorExit: Int32 = 65

/// Writes a file the user named; a failure says which file and why, exit 64.
func writeFile(_ data: Data, to path: String) throws {
    do {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        let folder = (path as NSString).deletingLastPathComponent
        let why = FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder) ? "is it writable?" : "the folder \(folder) does not exist"
        throw ValidationError("cannot write \(path): \(why)")
    }
}
