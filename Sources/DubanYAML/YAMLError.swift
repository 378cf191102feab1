/// A problem found while reading YAML, with where it is.
public struct YAMLProblem: Error, Sendable, Hashable {
    public var message: String
    public var mark: Mark

    public init(_ message: String, at mark: Mark) {
        self.message = message
        self.mark = mark
    }
}

/// The result of reading one YAML text: the document's root (nil when the text
/// could not be parsed or is empty) and every problem found on the way.
public struct YAMLDocument: Sendable {
    public var root: Node?
    public var problems: [YAMLProblem]
}
