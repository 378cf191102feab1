/// A problem found while reading YAML, with where it is.
public struct YAMLProblem: Error, Sendable, Hashable {
    public var message: String
    public var position: Position

    public init(_ message: String, at position: Position) {
        self.message = message
        self.position = position
    }
}

/// The result of reading one YAML text: the document's root (nil when the text
/// could not be parsed or is empty) and every problem found on the way.
public struct YAMLDocument: Sendable {
    public var root: Node?
    public var problems: [YAMLProblem]
}
