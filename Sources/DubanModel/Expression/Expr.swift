/// A parsed expression. `at` is the character offset in its source text, so a
/// mistake can be pointed at inside a YAML scalar.
public indirect enum Expr: Sendable, Hashable {
    case literal(Value, at: Int)
    case name(String, at: Int)
    case member(Expr, String, at: Int)
    case call(String, [Expr], at: Int)
    case method(Expr, String, [Expr], at: Int)
    case unary(UnaryOp, Expr, at: Int)
    case binary(BinaryOp, Expr, Expr, at: Int)

    public enum UnaryOp: String, Sendable, Hashable { case not, minus = "-" }
    public enum BinaryOp: String, Sendable, Hashable {
        case add = "+", sub = "-", mul = "*", div = "/"
        case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
        case and, or
    }

    /// Whether evaluating it may count a unit's ledger (`unit.strikes(365d)`),
    /// so the runtime knows to load the ledger for it.
    public var readsLedger: Bool {
        switch self {
        case .literal, .name: return false
        case .method: return true
        case .member(let e, _, _), .unary(_, let e, _): return e.readsLedger
        case .call(_, let args, _): return args.contains { $0.readsLedger }
        case .binary(_, let a, let b, _): return a.readsLedger || b.readsLedger
        }
    }

    public var offset: Int {
        switch self {
        case .literal(_, let at), .name(_, let at), .member(_, _, let at), .call(_, _, let at),
             .method(_, _, _, let at), .unary(_, _, let at), .binary(_, _, _, let at):
            return at
        }
    }
}

/// A mistake in an expression, with the character offset it is at.
public struct ExprError: Error, Sendable, Hashable {
    public var message: String
    public var offset: Int

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }
}

/// An expression together with its source text.
public struct Expression: Sendable, Hashable, CustomStringConvertible {
    public var source: String
    public var ast: Expr
    /// Where the text starts in its file, for pointing at mistakes inside it.
    public var origin = Mark(line: 0, column: 0)

    public init(parsing source: String) throws(ExprError) {
        self.source = source
        var parser = ExprParser(source)
        ast = try parser.parseAll()
    }

    public var description: String { source }
}
