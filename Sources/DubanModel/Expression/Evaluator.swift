/// The event an expression may read as `event.…`.
public struct EventInput: Sendable, Hashable {
    public var name: String
    public var actor: String
    public var time: Instant
    public var payload: [String: Value]

    public init(name: String, actor: String, time: Instant, payload: [String: Value] = [:]) {
        self.name = name
        self.actor = actor
        self.time = time
        self.payload = payload
    }
}

/// Everything an expression can see: nothing outside its instance.
public struct EvalEnvironment: Sendable {
    public var values: [String: Value]
    public var event: EventInput?
    public var now: Instant
    public var calendar: BusinessCalendar
    public var ledger: [LedgerEntry]
    /// The ids of units.yaml's units, for `all_units()`.
    public var units: [String]

    public init(values: [String: Value], event: EventInput? = nil, now: Instant, calendar: BusinessCalendar, ledger: [LedgerEntry] = [],
                units: [String] = []) {
        self.values = values
        self.event = event
        self.now = now
        self.calendar = calendar
        self.ledger = ledger
        self.units = units
    }
}

/// Evaluates type-checked expressions. Calendar years it lacked data for are
/// collected so that the caller can warn.
public struct Evaluator {
    public let env: EvalEnvironment
    public private(set) var missingYears: Set<Int> = []

    public init(_ env: EvalEnvironment) { self.env = env }

    public mutating func eval(_ e: Expr) throws(ExprError) -> Value {
        switch e {
        case .literal(let v, _): return v
        case .name("now", _): return env.values["now"] ?? .datetime(env.now)
        case .name(let n, let at):
            guard let v = env.values[n] else { throw ExprError("'\(n)' has no value", at: at) }
            return v
        case .member(.name("event", _), let field, let at):
            guard let ev = env.event else { throw ExprError("there is no event here", at: at) }
            if field == "actor" { return .unit(ev.actor) }
            if field == "time" { return .datetime(ev.time) }
            return ev.payload[field] ?? .null
        case .member(_, let f, let at):
            throw ExprError("no field '\(f)'", at: at)
        case .method(let target, let name, let args, let at):
            guard case .unit(let u) = try eval(target), let kind = LedgerKind(countMethod: name), args.count == 1 else {
                throw ExprError("'\(name)' needs a unit and a window", at: at)
            }
            let window: LedgerWindow
            if case .name(let word, _) = args[0], let w = LedgerWindow.words[word] {
                window = w
            } else if case .duration(let d) = try eval(args[0]) {
                window = .since(reckon(env.calendar.add(d.negated, to: env.now)))
            } else {
                throw ExprError("'\(name)' needs a duration, year or running", at: at)
            }
            return .int(env.ledger.count(kind, of: u, in: window, now: env.now, zone: env.calendar.zone))
        case .call(let name, let args, let at):
            var values: [Value] = []
            for a in args { values.append(try eval(a)) }
            return try call(name, values, at)
        case .unary(.not, let x, let at):
            guard case .bool(let b) = try eval(x) else { throw ExprError("'not' needs true or false", at: at) }
            return .bool(!b)
        case .unary(.minus, let x, let at):
            switch try eval(x) {
            case .int(let i): return .int(-i)
            case .duration(let d): return .duration(d.negated)
            default: throw ExprError("'-' needs a number or a duration", at: at)
            }
        case .binary(.and, let a, let b, let at):
            guard case .bool(let x) = try eval(a) else { throw ExprError("'and' needs true or false on its left", at: at) }
            if !x { return .bool(false) }
            guard case .bool(let y) = try eval(b) else { throw ExprError("'and' needs true or false on its right", at: at) }
            return .bool(y)
        case .binary(.or, let a, let b, let at):
            guard case .bool(let x) = try eval(a) else { throw ExprError("'or' needs true or false on its left", at: at) }
            if x { return .bool(true) }
            guard case .bool(let y) = try eval(b) else { throw ExprError("'or' needs true or false on its right", at: at) }
            return .bool(y)
        case .binary(let op, let a, let b, let at):
            return try binary(op, try eval(a), try eval(b), at)
        }
    }

    mutating func reckon<T>(_ r: Reckoned<T>) -> T {
        missingYears.formUnion(r.missingYears)
        return r.value
    }

    /// A date meets a datetime at the end of that date's office hours.
    func instant(_ v: Value) -> Instant? {
        switch v {
        case .datetime(let t): return t
        case .date(let d): return env.calendar.endOfWorkday(d)
        default: return nil
        }
    }

    mutating func binary(_ op: Expr.BinaryOp, _ a: Value, _ b: Value, _ at: Int) throws(ExprError) -> Value {
        switch op {
        case .eq: return .bool(same(a, b))
        case .ne: return .bool(!same(a, b))
        case .lt, .le, .gt, .ge:
            guard let c = compare(a, b) else {
                if a == .null || b == .null { return .bool(false) }
                throw ExprError("cannot order \(a.type) and \(b.type)", at: at)
            }
            switch op {
            case .lt: return .bool(c < 0)
            case .le: return .bool(c <= 0)
            case .gt: return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        case .add, .sub:
            switch (a, b) {
            case (.int(let x), .int(let y)):
                let (r, overflow) = op == .add ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
                guard !overflow else { throw ExprError("the number is too large", at: at) }
                return .int(r)
            case (.text(let x), .text(let y)) where op == .add: return .text(x + y)
            case (.duration(let d), .date), (.duration(let d), .datetime):
                guard op == .add else { break }
                return try binary(.add, b, .duration(d), at)
            case (.date(let day), .duration(let d)):
                guard d.isWholeDays else {
                    throw ExprError("a date moves by whole days (d, w, wd), not by \(d); use a datetime for hours", at: at)
                }
                return .date(reckon(env.calendar.add(op == .add ? d : d.negated, to: day)))
            case (.datetime(let t), .duration(let d)):
                return .datetime(reckon(env.calendar.add(op == .add ? d : d.negated, to: t)))
            case (.null, _), (_, .null):
                throw ExprError("a value in this sum is not set", at: at)
            default: break
            }
            throw ExprError("cannot \(op == .add ? "add" : "subtract") \(b.type) and \(a.type)", at: at)
        case .mul, .div:
            guard case .int(let x) = a, case .int(let y) = b else { throw ExprError("'\(op.rawValue)' works on numbers", at: at) }
            if op == .div {
                guard y != 0 else { throw ExprError("division by zero", at: at) }
                return .int(x / y)
            }
            let (r, overflow) = x.multipliedReportingOverflow(by: y)
            guard !overflow else { throw ExprError("the number is too large", at: at) }
            return .int(r)
        case .and, .or:
            throw ExprError("unreachable", at: at)
        }
    }

    func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.unit(let x), .text(let y)), (.text(let x), .unit(let y)): return x == y
        case (.date, .datetime), (.datetime, .date): return compare(a, b) == 0
        default: return a == b
        }
    }

    func compare(_ a: Value, _ b: Value) -> Int? {
        func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : x == y ? 0 : 1 }
        switch (a, b) {
        case (.int(let x), .int(let y)): return order(x, y)
        case (.text(let x), .text(let y)): return order(x, y)
        case (.date(let x), .date(let y)): return order(x, y)
        default:
            guard let x = instant(a), let y = instant(b) else { return nil }
            return order(x, y)
        }
    }

    mutating func call(_ name: String, _ args: [Value], _ at: Int) throws(ExprError) -> Value {
        switch name {
        case "now": return .datetime(env.now)
        case "all_units": return .list(env.units.map(Value.unit))
        case "min", "max":
            var items = args
            if args.count == 1, case .list(let list) = args[0] { items = list }
            items.removeAll { $0 == .null }
            guard var best = items.first else { return .null }
            for v in items.dropFirst() {
                guard let c = compare(v, best) else { throw ExprError("\(name) cannot compare \(v.type) with \(best.type)", at: at) }
                if name == "min" ? c < 0 : c > 0 { best = v }
            }
            return best
        case "count", "len":
            switch args.first {
            case .list(let items): return .int(items.count)
            case .text(let s): return .int(s.count)
            case .null: return .int(0)
            default: throw ExprError("\(name) needs a list\(name == "len" ? " or text" : "")", at: at)
            }
        case "date":
            switch args.first {
            case .date(let d): return .date(d)
            case .datetime(let t): return .date(env.calendar.zone.local(t).day)
            case .text(let s):
                guard let d = Day(iso: s) else { throw ExprError("'\(s)' is not a date (YYYY-MM-DD)", at: at) }
                return .date(d)
            default: throw ExprError("date needs text or a datetime", at: at)
            }
        case "workdays":
            func day(_ v: Value) -> Day? {
                switch v {
                case .date(let d): return d
                case .datetime(let t): return env.calendar.zone.local(t).day
                default: return nil
                }
            }
            guard args.count == 2, let from = day(args[0]), let to = day(args[1]) else {
                throw ExprError("workdays needs two dates", at: at)
            }
            return .int(reckon(env.calendar.workdays(from: from, to: to)))
        default:
            throw ExprError("unknown function '\(name)'", at: at)
        }
    }
}
