import DubanModel
import DubanYAML

/// Reads one file's YAML nodes into definitions, collecting every problem
/// instead of stopping at the first.
struct NodeReader {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    mutating func error(_ message: String, at mark: Mark) {
        diagnostics.append(Diagnostic(.error, message, file: file, at: mark))
    }

    mutating func warning(_ message: String, at mark: Mark) {
        diagnostics.append(Diagnostic(.warning, message, file: file, at: mark))
    }

    /// A mapping's keys checked against a shape: unknown keys (with a
    /// suggestion) and missing required ones are reported.
    mutating func fields(_ node: Node, _ shape: Shape, _ what: String) -> Fields? {
        guard let pairs = node.mapping else {
            error("\(what) must be a mapping (key: value), not \(node.kindDescription)", at: node.mark)
            return nil
        }
        let known = shape.fields.map(\.name)
        var values: [String: Node] = [:]
        var keyMarks: [String: Mark] = [:]
        for pair in pairs {
            guard let key = pair.key.text, pair.key.scalar != nil else {
                error("a key in \(what) must be a plain name", at: pair.key.mark)
                continue
            }
            guard known.contains(key) else {
                let hint = suggestion(key, known)
                error("unknown key '\(key)' in \(what)\(hint.isEmpty ? "; allowed: \(known.joined(separator: ", "))" : hint)", at: pair.key.mark)
                continue
            }
            values[key] = pair.value
            keyMarks[key] = pair.key.mark
        }
        for field in shape.fields where field.required && values[field.name] == nil {
            error("\(what) is missing '\(field.name)': \(field.doc)", at: node.mark)
        }
        return Fields(node: node, values: values, keyMarks: keyMarks)
    }

    /// A mapping whose keys are names the admin chooses (states, inputs, events).
    mutating func namedEntries(_ node: Node, _ what: String) -> [(name: String, mark: Mark, value: Node)] {
        guard let pairs = node.mapping else {
            error("\(what) must be a mapping of names, not \(node.kindDescription)", at: node.mark)
            return []
        }
        var out: [(String, Mark, Node)] = []
        for pair in pairs {
            guard let key = pair.key.text, pair.key.scalar != nil else {
                error("a name in \(what) must be plain text", at: pair.key.mark)
                continue
            }
            if !isName(key) {
                error("'\(key)' is not a valid name: use letters, digits, _ and -, starting with a letter", at: pair.key.mark)
                continue
            }
            out.append((key, pair.key.mark, pair.value))
        }
        return out
    }

    func isName(_ s: String) -> Bool {
        // `[A-Za-z_][A-Za-z0-9_-]*`, without a regex literal (re-parsed on every use).
        guard let first = s.utf8.first, first == UInt8(ascii: "_") || isASCIILetter(first) else { return false }
        return s.utf8.dropFirst().allSatisfy { isASCIILetter($0) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    func isASCIILetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }

    mutating func text(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let s = node.scalar else {
            error("\(what) must be text, not \(node.kindDescription)", at: node.mark)
            return nil
        }
        if s.resolved == .null {
            error("\(what) is empty", at: node.mark)
            return nil
        }
        return s.text
    }

    mutating func name(_ node: Node?, _ what: String) -> String? {
        guard let node, let s = text(node, what) else { return nil }
        guard isName(s) else {
            error("\(what) '\(s)' is not a valid name: use letters, digits, _ and -, starting with a letter", at: node.mark)
            return nil
        }
        return s
    }

    mutating func int(_ node: Node?, _ what: String) -> Int? {
        guard let node else { return nil }
        guard case .int(let i)? = node.scalar?.resolved else {
            if let t = node.text, !t.isEmpty, t.drop(while: { $0 == "-" || $0 == "+" }).allSatisfy(\.isWholeNumber), t.count > 18 {
                error("\(what) \(t) is too large a number (at most \(Int.max))", at: node.mark)
            } else {
                error("\(what) must be a whole number, not \(node.kindDescription)", at: node.mark)
            }
            return nil
        }
        return i
    }

    mutating func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let node else { return nil }
        guard case .bool(let b)? = node.scalar?.resolved else {
            var hint = ""
            if let t = node.text, ["yes", "no", "on", "off", "y", "n"].contains(t.lowercased()) {
                hint = " ('\(t)' is text in YAML 1.2: write true or false)"
            }
            error("\(what) must be true or false, not \(node.kindDescription)\(hint)", at: node.mark)
            return nil
        }
        return b
    }

    mutating func duration(_ node: Node?, _ what: String) -> WorkDuration? {
        guard let node, let s = text(node, what) else { return nil }
        guard let d = WorkDuration(s) else {
            error("'\(s)' is not a duration: \(WorkDuration.syntaxHelp)", at: node.mark)
            return nil
        }
        return d
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node?, _ what: String, as: T.Type) -> T? where T.RawValue == String {
        guard let node, let s = text(node, what) else { return nil }
        guard let v = T(rawValue: s) else {
            let all = T.allCases.map(\.rawValue)
            error("\(what) '\(s)' is not one of \(all.joined(separator: ", "))\(suggestion(s, all))", at: node.mark)
            return nil
        }
        return v
    }

    /// Parses an expression; its mark points at its first character.
    mutating func expression(_ node: Node?, _ what: String) -> Expression? {
        guard let node, let scalar = node.scalar else {
            if let node { error("\(what) must be an expression, not \(node.kindDescription)", at: node.mark) }
            return nil
        }
        let origin = Mark(line: node.mark.line, column: node.mark.column + (scalar.style == .quoted ? 1 : 0))
        let source: String
        switch scalar.resolved {
        case .bool(let b): source = String(b)
        case .null:
            error("\(what) is empty", at: node.mark)
            return nil
        default: source = scalar.text
        }
        do {
            var e = try Expression(parsing: source)
            e.origin = origin
            return e
        } catch {
            self.error("\(what): \(error.message)", at: Mark(line: origin.line, column: origin.column + error.offset))
            return nil
        }
    }

    mutating func list(_ node: Node?, _ what: String) -> [Node] {
        guard let node else { return [] }
        if case .null? = node.scalar?.resolved { return [] }
        guard let items = node.sequence else {
            error("\(what) must be a list (- item), not \(node.kindDescription)", at: node.mark)
            return []
        }
        return items
    }
}

/// The checked keys of one mapping.
struct Fields {
    let node: Node
    let values: [String: Node]
    let keyMarks: [String: Mark]

    subscript(key: String) -> Node? { values[key] }
}
