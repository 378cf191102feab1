/// Tokenizer and recursive-descent parser for the guard / set / time language.
///
///     or      := and ("or" and)*
///     and     := not ("and" not)*
///     not     := "not" not | compare
///     compare := sum (("=="|"!="|"<"|"<="|">"|">=") sum)?
///     sum     := product (("+"|"-") product)*
///     product := unary (("*"|"/") unary)*
///     unary   := "-" unary | postfix
///     postfix := primary ("." NAME ("(" args ")")?)*
///     primary := INT | DURATION | STRING | true | false | null | NAME ("(" args ")")? | "(" or ")"
struct ExprParser {
    enum Token: Equatable {
        case int(Int), duration(WorkDuration), string(String), name(String), op(String), end
    }

    let chars: [Character]
    var tokens: [(Token, Int)] = []
    var index = 0
    /// Parentheses and argument lists open at this point.
    var depth = 0

    /// Bounds on what parsing, checking and evaluating recurse over: far
    /// beyond any real condition, well within a thread's stack.
    static let maxTokens = 1000
    static let maxDepth = 64

    init(_ source: String) { chars = Array(source) }

    mutating func parseAll() throws(ExprError) -> Expr {
        try tokenize()
        guard tokens.count > 1 else { throw ExprError("the expression is empty", at: 0) }
        guard tokens.count <= Self.maxTokens else {
            throw ExprError("the expression has more than \(Self.maxTokens) parts; split it with vars", at: tokens[Self.maxTokens].1)
        }
        let e = try parseOr()
        guard case .end = peek.0 else { throw ExprError("unexpected \(describe(peek.0)) after a complete expression", at: peek.1) }
        return e
    }

    mutating func tokenize() throws(ExprError) {
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            let start = i
            if c.isASCII && c.isNumber {
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
                let digits = String(chars[start..<i])
                var unit = ""
                while i < chars.count, chars[i].isLetter { unit.append(chars[i]); i += 1 }
                guard let n = Int(digits) else { throw ExprError("the number \(digits) is too large", at: start) }
                if unit.isEmpty {
                    tokens.append((.int(n), start))
                } else if let u = WorkDuration.Unit(rawValue: unit) {
                    tokens.append((.duration(WorkDuration(n, u)), start))
                } else {
                    throw ExprError("'\(digits)\(unit)' is not a duration: \(WorkDuration.syntaxHelp)", at: start)
                }
                continue
            }
            if c == "'" || c == "\"" {
                i += 1
                var s = ""
                while i < chars.count, chars[i] != c {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    s.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw ExprError("this text is not closed: add \(c) at the end", at: start) }
                i += 1
                tokens.append((.string(s), start))
                continue
            }
            if c.isLetter || c == "_" {
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
                tokens.append((.name(String(chars[start..<i])), start))
                continue
            }
            let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
            if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
                let op = two == "&&" ? "and" : two == "||" ? "or" : two
                tokens.append((op == "and" || op == "or" ? .name(op) : .op(op), start))
                i += 2
                continue
            }
            if "+-*/<>().,!".contains(c) {
                tokens.append((c == "!" ? .name("not") : .op(String(c)), start))
                i += 1
                continue
            }
            if c == "=" { throw ExprError("use '==' to compare; '=' alone is not an operator", at: start) }
            throw ExprError("unexpected character '\(c)'", at: start)
        }
        tokens.append((.end, chars.count))
    }

    var peek: (Token, Int) { tokens[index] }

    mutating func advance() -> (Token, Int) {
        defer { index += 1 }
        return tokens[index]
    }

    mutating func accept(_ t: Token) -> Bool {
        if peek.0 == t { index += 1; return true }
        return false
    }

    func describe(_ t: Token) -> String {
        switch t {
        case .int(let n): return "number \(n)"
        case .duration(let d): return "duration \(d)"
        case .string(let s): return "text '\(s)'"
        case .name(let n): return "'\(n)'"
        case .op(let o): return "'\(o)'"
        case .end: return "end of expression"
        }
    }

    mutating func parseOr() throws(ExprError) -> Expr {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw ExprError("nested more than \(Self.maxDepth) levels deep", at: peek.1) }
        var e = try parseAnd()
        while case .name("or") = peek.0 {
            let at = advance().1
            e = .binary(.or, e, try parseAnd(), at: at)
        }
        return e
    }

    mutating func parseAnd() throws(ExprError) -> Expr {
        var e = try parseNot()
        while case .name("and") = peek.0 {
            let at = advance().1
            e = .binary(.and, e, try parseNot(), at: at)
        }
        return e
    }

    mutating func parseNot() throws(ExprError) -> Expr {
        if case .name("not") = peek.0 {
            let at = advance().1
            return .unary(.not, try parseNot(), at: at)
        }
        return try parseCompare()
    }

    mutating func parseCompare() throws(ExprError) -> Expr {
        let e = try parseSum()
        if case .op(let o) = peek.0, let op = Expr.BinaryOp(rawValue: o), [.eq, .ne, .lt, .le, .gt, .ge].contains(op) {
            let at = advance().1
            let rhs = try parseSum()
            if case .op(let o2) = peek.0, let op2 = Expr.BinaryOp(rawValue: o2), [.eq, .ne, .lt, .le, .gt, .ge].contains(op2) {
                throw ExprError("comparisons do not chain: write 'a < b and b < c'", at: peek.1)
            }
            return .binary(op, e, rhs, at: at)
        }
        return e
    }

    mutating func parseSum() throws(ExprError) -> Expr {
        var e = try parseProduct()
        while case .op(let o) = peek.0, o == "+" || o == "-" {
            let at = advance().1
            e = .binary(o == "+" ? .add : .sub, e, try parseProduct(), at: at)
        }
        return e
    }

    mutating func parseProduct() throws(ExprError) -> Expr {
        var e = try parseUnary()
        while case .op(let o) = peek.0, o == "*" || o == "/" {
            let at = advance().1
            e = .binary(o == "*" ? .mul : .div, e, try parseUnary(), at: at)
        }
        return e
    }

    mutating func parseUnary() throws(ExprError) -> Expr {
        if peek.0 == .op("-") {
            let at = advance().1
            return .unary(.minus, try parseUnary(), at: at)
        }
        return try parsePostfix()
    }

    mutating func parsePostfix() throws(ExprError) -> Expr {
        var e = try parsePrimary()
        while peek.0 == .op(".") {
            let dot = advance().1
            guard case .name(let member) = peek.0 else { throw ExprError("expected a name after '.'", at: peek.1) }
            _ = advance()
            if accept(.op("(")) {
                e = .method(e, member, try parseArguments(), at: dot + 1)
            } else {
                e = .member(e, member, at: dot + 1)
            }
        }
        return e
    }

    mutating func parseArguments() throws(ExprError) -> [Expr] {
        var args: [Expr] = []
        if accept(.op(")")) { return args }
        repeat { args.append(try parseOr()) } while accept(.op(","))
        guard accept(.op(")")) else { throw ExprError("expected ')' to close the argument list, found \(describe(peek.0))", at: peek.1) }
        return args
    }

    mutating func parsePrimary() throws(ExprError) -> Expr {
        let (token, at) = advance()
        switch token {
        case .int(let n): return .literal(.int(n), at: at)
        case .duration(let d): return .literal(.duration(d), at: at)
        case .string(let s): return .literal(.text(s), at: at)
        case .name("true"): return .literal(.bool(true), at: at)
        case .name("false"): return .literal(.bool(false), at: at)
        case .name("null"): return .literal(.null, at: at)
        case .name(let n) where n == "and" || n == "or":
            throw ExprError("'\(n)' needs a value on its left", at: at)
        case .name(let n):
            if accept(.op("(")) { return .call(n, try parseArguments(), at: at) }
            return .name(n, at: at)
        case .op("("):
            let e = try parseOr()
            guard accept(.op(")")) else { throw ExprError("expected ')', found \(describe(peek.0))", at: peek.1) }
            return e
        default:
            throw ExprError("expected a value, found \(describe(token))", at: at)
        }
    }
}
