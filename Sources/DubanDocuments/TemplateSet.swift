import DubanModel
import Foundation
import Mustache

/// The document templates in force: the shipped set for the language, each
/// overridden by a project file of the same name (`templates/KIND.md.mustache`).
public struct TemplateSet: Sendable {
    public let language: DocumentLanguage
    /// Project templates by name, with the file they came from (for error positions).
    public let overrides: [String: SourceFile]

    public init(language: DocumentLanguage, overrides: [String: SourceFile] = [:]) {
        self.language = language
        self.overrides = overrides
    }

    /// The shipped template of a kind, in a language.
    public static func shipped(_ kind: String, _ language: DocumentLanguage) -> String? {
        language == .zh ? ShippedTemplatesZh.all[kind] : ShippedTemplatesEn.all[kind]
    }

    public func source(_ kind: String) -> SourceFile? {
        if let o = overrides[kind] { return o }
        return Self.shipped(kind, language).map { SourceFile(path: "(shipped \(language.rawValue)) \(kind).md.mustache", text: $0) }
    }

    /// Renders a kind's template to Markdown; user text in `context` is escaped.
    public func render(_ kind: String, _ context: [String: Any]) throws -> String {
        guard let source = source(kind) else { throw DocumentError.missingTemplate(kind: kind, language: language.rawValue) }
        return try Self.compile(source).render(context)
    }

    /// Parses a template; a syntax error names the file, line and column.
    public static func compile(_ source: SourceFile) throws -> MustacheTemplate {
        _ = MarkdownText.registered
        do {
            return try MustacheTemplate(string: MarkdownText.pragma + source.text)
        } catch let error as MustacheTemplate.ParserError {
            if case .expectedSectionEnd? = error.error as? MustacheTemplate.Error, let open = unclosedSection(source.text) {
                throw DocumentError.template(file: source.path, line: open.line, column: open.column,
                                             message: "template syntax: section '\(open.name)' is opened here but never closed: add {{/\(open.name)}}")
            }
            // The pragma sits in front of line 1: take its width off that line's columns.
            let column = error.context.lineNumber == 1 ? error.context.columnNumber - MarkdownText.pragma.count : error.context.columnNumber
            throw DocumentError.template(file: source.path, line: error.context.lineNumber, column: max(1, column),
                                         message: "template syntax: \(describe(error.error))")
        }
    }

    /// Every problem in a set of project templates, as validator diagnostics.
    public static func check(_ sources: [SourceFile]) -> [Diagnostic] {
        sources.compactMap { source in
            do {
                _ = try compile(source)
                return nil
            } catch DocumentError.template(_, let line, let column, let message) {
                return Diagnostic(.error, message, file: source.path, at: Mark(line: line, column: column))
            } catch {
                return Diagnostic(.error, "\(error)", file: source.path, at: nil)
            }
        }
    }

    /// The innermost `{{#name}}` or `{{^name}}` without its `{{/name}}`, where it opens.
    static func unclosedSection(_ text: String) -> (name: String, line: Int, column: Int)? {
        var stack: [(String, Int, Int)] = []
        var line = 1, column = 1
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("{{"), let end = rest.range(of: "}}") {
                let tag = rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound].trimmingCharacters(in: .whitespaces)
                if let sigil = tag.first, "#^/".contains(sigil) {
                    let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                    if sigil == "/" { if let i = stack.lastIndex(where: { $0.0 == name }) { stack.removeSubrange(i...) } } else { stack.append((name, line, column)) }
                }
                let consumed = rest[rest.startIndex..<end.upperBound]
                column += consumed.count
                rest = rest[end.upperBound...]
                continue
            }
            if rest.first == "\n" { line += 1; column = 1 } else { column += 1 }
            rest = rest.dropFirst()
        }
        return stack.last.map { (name: $0.0, line: $0.1, column: $0.2) }
    }

    static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a section is closed with another name than it was opened with ({{#a}} … {{/a}})"
        case .unfinishedName?: return "a tag is not closed: write {{name}}"
        case .expectedSectionEnd?: return "a section is opened but never closed: add {{/name}}"
        case .invalidSetDelimiter?: return "the delimiter-changing tag is malformed"
        default: return "\(error)"
        }
    }
}
