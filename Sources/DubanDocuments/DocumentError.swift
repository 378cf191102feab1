/// Why a document could not be produced; each says what to fix.
public enum DocumentError: Error, Sendable, CustomStringConvertible {
    case template(file: String, line: Int, column: Int, message: String)
    case missingTemplate(kind: String, language: String)
    case zip(String)

    public var description: String {
        switch self {
        case .template(let file, let line, let column, let message):
            return "\(file):\(line):\(column): error: \(message)"
        case .missingTemplate(let kind, let language):
            return "no template for document kind '\(kind)' (\(language)): add templates/\(kind).md.mustache"
        case .zip(let m):
            return m
        }
    }
}
