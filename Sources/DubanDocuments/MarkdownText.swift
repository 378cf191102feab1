import Mustache

/// The Markdown that templates produce, and how user text is kept literal in
/// it: every character Markdown (or our block reader) would read as markup is
/// backslash-escaped, so `<b>`, `**`, `|` or `# ` in a unit's reply stays text
/// in every format, and `{{ }}` is never re-read as a tag.
public enum MarkdownText {
    static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "&", "~", "!"]

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for (i, c) in text.escapingControlCharacters.enumerated() {
            if c == "\n" || c == "\r" { out.append(" "); continue }
            // A value at the start of a line must not open a list or a rule.
            if i == 0, c == "-" || c == "+" || c == "=" { out.append("\\") }
            if special.contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Removes the backslash of an escaped ASCII punctuation character.
    public static func unescape(_ text: Substring) -> String {
        var out = ""
        var it = text.makeIterator()
        while let c = it.next() {
            if c == "\\", let n = it.next() {
                if !(n.isASCII && n.isPunctuation || n.isASCII && n.isSymbol) { out.append(c) }
                out.append(n)
            } else {
                out.append(c)
            }
        }
        return out
    }

    struct ContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { MarkdownText.escape(text) }
    }

    static let pragmaName = "DUBAN_MARKDOWN"
    /// Put in front of every template (same line, so line numbers hold).
    static let pragma = "{{% CONTENT_TYPE: \(pragmaName)}}"
    static let registered: Bool = {
        MustacheContentTypes.register(ContentType(), named: pragmaName)
        return true
    }()
}
