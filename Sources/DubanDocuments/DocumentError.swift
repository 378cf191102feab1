import DubanModel

/// Why a document could not be produced; each says what to fix.
public enum DocumentError: Error, Sendable, CustomStringConvertible {
    case template(file: String, line: Int, column: Int, message: String)
    case missingTemplate(kind: String, language: String)
    case zip(String)
    /// A document that would go out with a blank where a core fact belongs.
    case incomplete(kind: String, missing: [CoreFact], language: DocumentLanguage)

    public var description: String {
        switch self {
        case .template(let file, let line, let column, let message):
            return "\(file):\(line):\(column): error: \(message)"
        case .missingTemplate(let kind, let language):
            return "no template for document kind '\(kind)' (\(language)): add templates/\(kind).md.mustache"
        case .zip(let m):
            return m
        case .incomplete(let kind, let missing, let language):
            let facts = missing.map { $0.title(language) }.joined(separator: language == .zh ? "、" : ", ")
            return language == .zh ? "\(kind)缺少\(facts)，不予印发：请补全后再办理"
                : "\(kind) lacks \(facts) and is not issued: supply it and act again"
        }
    }
}
