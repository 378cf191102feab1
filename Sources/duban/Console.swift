import ArgumentParser
import Foundation

/// Writes to standard error, where diagnostics and warnings go.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The exit status of a run that found errors in its input (sysexits EX_DATAERR).
let dataErrorExit: Int32 = 65

/// Writes a file the user named, whole or not at all: into a temporary file
/// beside it, then renamed over it. Only a regular file is replaced, and it
/// keeps its mode; a device, pipe, folder or link at the path is refused, so
/// `--out /dev/full` cannot turn a device into a file. A failure says which
/// file and why, exit 64.
func writeFile(_ data: Data, to path: String) throws {
    var existing = stat()
    var mode = mode_t(0o666) & ~currentUmask()
    if lstat(path, &existing) == 0 {
        guard existing.st_mode & S_IFMT == S_IFREG else {
            throw ValidationError("cannot write \(path): it is not a regular file (a device, pipe, folder or link); give the path of a file")
        }
        mode = existing.st_mode & 0o7777
    }
    let folder = (path as NSString).deletingLastPathComponent
    var template = Array(((folder.isEmpty ? "." : folder) + "/.duban-XXXXXX").utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else {
        let why = FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder) ? "is the folder writable?" : "the folder \(folder) does not exist"
        throw ValidationError("cannot write \(path): \(why)")
    }
    let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let written = data.withUnsafeBytes { bytes -> Bool in
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
    let kept = written && fchmod(fd, mode) == 0 && fsync(fd) == 0
    close(fd)
    guard kept, rename(temporary, path) == 0 else {
        unlink(temporary)
        throw ValidationError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
}

/// The process's file-creation mask, read without changing it.
private func currentUmask() -> mode_t {
    let mask = umask(0o022)
    umask(mask)
    return mask
}
