import DubanModel
import DubanYAML

// The parser's positions as the definitions and diagnostics keep them.
extension Mark {
    init(_ position: Position) { self.init(line: position.line, column: position.column) }
}

extension Node {
    var mark: Mark { Mark(position) }
}

extension YAMLProblem {
    var mark: Mark { Mark(position) }
}
