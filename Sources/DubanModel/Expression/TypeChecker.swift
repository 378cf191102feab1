/// What names an expression may read where it stands, and their types.
public struct TypeScope: Sendable {
    public var names: [String: ValueType]
    /// The event's payload fields; nil where there is no event (timers, enter actions).
    public var payload: [String: ValueType]?

    public init(names: [String: ValueType], payload: [String: ValueType]? = nil) {
        self.names = names
        self.payload = payload
    }

    /// Names every expression may read besides the workflow's inputs and variables.
    public static let builtins: [String: ValueType] = ["now": .datetime, "started": .datetime, "entered": .datetime]
}

/// Infers an expression's type, reporting the first mistake with its offset.
public struct TypeChecker {
    public let scope: TypeScope

    public init(scope: TypeScope) { self.scope = scope }

    public func check(_ e: Expr) throws(ExprError) -> ValueType {
        switch e {
        case .literal(let v, _):
            return v.type
        case .name(let n, let at):
            if n == "event" { throw ExprError("'event' needs a field: event.actor, event.time or a payload field", at: at) }
            if let t = scope.names[n] { return t }
            throw ExprError(unknownName(n), at: at)
        case .member(.name("event", _), let field, let at):
            guard let payload = scope.payload else {
                throw ExprError("'event' is only known inside an 'on' transition", at: at)
            }
            if field == "actor" { return .unit }
            if field == "time" { return .datetime }
            if let t = payload[field] { return t }
            let known = ["actor", "time"] + payload.keys.sorted()
            throw ExprError("the event has no field '\(field)'\(suggestion(field, known)); declare it under 'payload:'", at: at)
        case .member(_, let field, let at):
            throw ExprError("no field '\(field)' here; only event.FIELD is read with a dot", at: at)
        case .method(let target, let name, let args, let at):
            let t = try check(target)
            guard t.base == .unit || t == .any else { throw ExprError("'\(name)(…)' is asked of a unit, not of \(t)", at: at) }
            guard LedgerKind(countMethod: name) != nil else {
                throw ExprError("a unit has no '\(name)'\(suggestion(name, LedgerKind.allCases.map(\.countMethod)))", at: at)
            }
            if args.count == 1, case .name(let word, _) = args[0], LedgerWindow.words[word] != nil { return .int }
            guard args.count == 1, try check(args[0]) == .duration else {
                throw ExprError("'\(name)' takes the window to look back: \(name)(365d), \(name)(year) for this calendar year, "
                                + "or \(name)(running) for consecutive months up to this one", at: at)
            }
            return .int
        case .call(let name, let args, let at):
            return try checkCall(name, args, at)
        case .unary(.not, let x, let at):
            guard try check(x).accepts(.bool) else { throw ExprError("'not' needs a true/false value", at: at) }
            return .bool
        case .unary(.minus, let x, let at):
            let t = try check(x)
            guard t == .int || t == .duration || t == .any else { throw ExprError("'-' needs a number or a duration, not \(t)", at: at) }
            return t
        case .binary(let op, let a, let b, let at):
            let (ta, tb) = (try check(a), try check(b))
            if op == .eq || op == .ne { try checkEnumLiteral(ta, b, name: a); try checkEnumLiteral(tb, a, name: b) }
            return try checkBinary(op, ta, tb, at)
        }
    }

    /// `source == 'medai'` can never hold: say so.
    func checkEnumLiteral(_ t: ValueType, _ other: Expr, name: Expr) throws(ExprError) {
        guard case .enumeration(let values) = t, case .literal(.text(let s), let at) = other, !values.contains(s) else { return }
        var what = "this enum"
        if case .name(let n, _) = name { what = "'\(n)'" }
        throw ExprError("'\(s)' is not a value of \(what)\(suggestion(s, values)); the values are \(values.joined(separator: ", "))", at: at)
    }

    func unknownName(_ n: String) -> String {
        let known = Array(scope.names.keys) + (scope.payload == nil ? [] : ["event"])
        return "unknown name '\(n)'\(suggestion(n, known)); declare it under 'inputs:' or 'vars:'"
    }

    func checkBinary(_ op: Expr.BinaryOp, _ a: ValueType, _ b: ValueType, _ at: Int) throws(ExprError) -> ValueType {
        let (x, y) = (a.base, b.base)
        let anyside = x == .any || y == .any
        switch op {
        case .and, .or:
            guard a.accepts(.bool), b.accepts(.bool) else { throw ExprError("'\(op.rawValue)' joins true/false values, not \(a) and \(b)", at: at) }
            return .bool
        case .eq, .ne:
            let timeMix = [x, y].allSatisfy { $0 == .date || $0 == .datetime }
            guard a.accepts(b) || b.accepts(a) || timeMix else { throw ExprError("cannot compare \(a) with \(b)", at: at) }
            return .bool
        case .lt, .le, .gt, .ge:
            let ordered: Set<ValueType> = [.int, .text, .date, .datetime]
            let timeMix = [x, y].allSatisfy { $0 == .date || $0 == .datetime }
            guard anyside || (x == y && ordered.contains(x)) || timeMix else {
                throw ExprError("cannot order \(a) and \(b) with '\(op.rawValue)'", at: at)
            }
            return .bool
        case .add, .sub:
            if anyside { return x == .any ? y : x }
            switch (x, y) {
            case (.int, .int): return .int
            case (.text, .text) where op == .add: return .text
            case (.date, .duration), (.datetime, .duration): return x
            case (.duration, .date) where op == .add, (.duration, .datetime) where op == .add: return y
            default:
                throw ExprError("cannot \(op == .add ? "add" : "subtract") \(b) \(op == .add ? "to" : "from") \(a)", at: at)
            }
        case .mul, .div:
            guard anyside || (x == .int && y == .int) else { throw ExprError("'\(op.rawValue)' works on numbers, not \(a) and \(b)", at: at) }
            return .int
        }
    }

    func checkCall(_ name: String, _ args: [Expr], _ at: Int) throws(ExprError) -> ValueType {
        var types: [ValueType] = []
        for a in args { types.append(try check(a)) }
        func arity(_ n: Int, _ usage: String) throws(ExprError) {
            guard args.count == n else { throw ExprError("\(name) takes \(n == 0 ? "no arguments" : "\(n) argument\(n == 1 ? "" : "s")"): \(usage)", at: at) }
        }
        switch name {
        case "now":
            try arity(0, "now()")
            return .datetime
        case "all_units":
            try arity(0, "all_units()")
            return .list(.unit)
        case "min", "max":
            let items: [ValueType]
            if types.count == 1, case .list(let t) = types[0] { items = [t] } else { items = types }
            guard !items.isEmpty, let first = items.first(where: { $0 != .any }) ?? items.first,
                  items.allSatisfy({ $0.accepts(first) }) else {
                throw ExprError("\(name) takes values of one type, or one list: \(name)(a, b)", at: at)
            }
            return first.base
        case "count":
            try arity(1, "count(list)")
            guard case .list = types[0] else {
                if types[0] == .any { return .int }
                throw ExprError("count takes a list, not \(types[0])", at: at)
            }
            return .int
        case "len":
            try arity(1, "len(text or list)")
            switch types[0].base {
            case .text, .any, .list: return .int
            default: throw ExprError("len takes text or a list, not \(types[0])", at: at)
            }
        case "date":
            try arity(1, "date('2026-05-01') or date(a_datetime)")
            guard [.text, .datetime, .date, .any].contains(types[0].base) else { throw ExprError("date takes text or a datetime, not \(types[0])", at: at) }
            if case .literal(.text(let s), let lat) = args[0], Day(iso: s) == nil {
                throw ExprError("'\(s)' is not a date (YYYY-MM-DD)", at: lat)
            }
            return .date
        case "workdays":
            try arity(2, "workdays(from, to): workdays after 'from' up to 'to'")
            for t in types where ![.date, .datetime, .any].contains(t.base) {
                throw ExprError("workdays counts between dates or datetimes, not \(t)", at: at)
            }
            return .int
        default:
            throw ExprError("unknown function '\(name)'\(suggestion(name, Self.functions)); the functions are \(Self.functions.joined(separator: ", "))", at: at)
        }
    }

    public static let functions = ["now", "all_units", "min", "max", "count", "len", "date", "workdays"]
}
