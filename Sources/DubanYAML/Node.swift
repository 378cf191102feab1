/// A position in the YAML text, both 1-based.
public struct Position: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Position, b: Position) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A composed YAML node with the place it starts. Aliases are resolved to copies
/// of their anchored node, so the tree holds no references.
public struct Node: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    public struct Pair: Sendable, Hashable {
        public var key: Node
        public var value: Node
    }

    public var kind: Kind
    public var position: Position
    /// How many nodes this one is, itself and all below it.
    public private(set) var size: Int

    public init(_ kind: Kind, at position: Position) {
        self.kind = kind
        self.position = position
        switch kind {
        case .scalar: size = 1
        case .sequence(let items): size = 1 + items.reduce(0) { $0 + $1.size }
        case .mapping(let pairs): size = 1 + pairs.reduce(0) { $0 + $1.key.size + $1.value.size }
        }
    }

    /// The scalar's text if this is a scalar, whatever its resolved type.
    public var text: String? {
        if case .scalar(let s) = kind { return s.text }
        return nil
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = kind { return s }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    public var mapping: [Pair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// The value under a string key of a mapping.
    public subscript(key: String) -> Node? {
        mapping?.first { $0.key.text == key }?.value
    }

    /// A word for messages: "a mapping", "a list", "the text 'x'".
    public var kindDescription: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s): return s.resolved.description
        }
    }
}
