import Foundation

/// Writes to standard error, where diagnostics and warnings go.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The exit status of a run that found errors in its input (sysexits EX_DATAERR).
let dataErrorExit: Int32 = 65
