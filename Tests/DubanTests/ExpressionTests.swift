import DubanLanguage
import DubanModel
import Testing

@Suite("Expressions: parse, type-check, evaluate")
struct ExpressionTests {
    static let names: [String: ValueType] = TypeScope.builtins.merging([
        "deadline": .date, "extensions": .int, "unit": .unit, "title": .text, "due": .datetime,
        "source": .enumeration(["inspection", "media"]), "units": .list(.unit), "wait": .duration,
    ]) { a, _ in a }

    static func env(ledger: [LedgerEntry] = [], event: EventInput? = nil) -> EvalEnvironment {
        EvalEnvironment(values: [
            "deadline": .date(day("2026-05-08")), "extensions": .int(0), "unit": .unit("chengguan"), "title": .text("占道经营"),
            "due": .datetime(at("2026-05-08T12:00")), "source": .text("media"),
            "units": .list([.unit("a"), .unit("b"), .unit("c")]), "wait": .duration(WorkDuration(2, .workdays)),
        ], event: event, now: at("2026-04-30T10:00"), calendar: CalendarTests.cn, ledger: ledger)
    }

    func evaluate(_ source: String, ledger: [LedgerEntry] = [], event: EventInput? = nil) throws -> Value {
        let e = try Expression(parsing: source)
        let payload: [String: ValueType]? = event == nil ? nil : ["until": .date]
        _ = try TypeChecker(scope: TypeScope(names: Self.names, payload: payload)).check(e.ast)
        var evaluator = Evaluator(Self.env(ledger: ledger, event: event))
        return try evaluator.eval(e.ast)
    }

    /// Values computed through the calendar and the operators.
    @Test(arguments: [
        ("deadline - 2wd", Value.date(day("2026-05-06"))),
        ("deadline + 1wd", .date(day("2026-05-09"))),           // the Labour Day makeup Saturday
        ("deadline - 7d", .date(day("2026-05-01"))),
        ("due - 1wd", .datetime(at("2026-05-07T12:00"))),
        ("due + 4h", .datetime(at("2026-05-08T16:00"))),
        ("2wd + due", .datetime(at("2026-05-11T12:00"))),
        ("now + wait", .datetime(at("2026-05-07T10:00"))),
        ("extensions < 1 and deadline > now", .bool(true)),
        ("not (extensions >= 1) or 1 / 0 == 1", .bool(true)),     // or short-circuits
        ("false and 1 / 0 == 1", .bool(false)),                   // and short-circuits
        ("deadline == due", .bool(false)),
        ("date(due) == deadline", .bool(true)),
        ("due < deadline", .bool(true)),                           // a date is its end of workday, 18:00
        ("unit == 'chengguan'", .bool(true)),
        ("source != 'inspection'", .bool(true)),
        ("title + '（整改）'", .text("占道经营（整改）")),
        ("(2 + 3) * 4 - 10 / 3", .int(17)),
        ("-extensions - 1", .int(-1)),
        ("min(deadline, date('2026-05-01'))", .date(day("2026-05-01"))),
        ("max(3, 9, 4)", .int(9)),
        ("count(units)", .int(3)),
        ("len(title)", .int(4)),
        ("workdays(now, deadline)", .int(3)),                      // 05-06, 07, 08: 04-30 itself and the holiday excluded
        ("now", .datetime(at("2026-04-30T10:00"))),
        ("now()", .datetime(at("2026-04-30T10:00"))),
        ("extensions == 0 && title != ''", .bool(true)),
    ])
    func values(_ source: String, _ expected: Value) throws {
        #expect(try evaluate(source) == expected, "\(source)")
    }

    /// Parse and type errors name the character at fault.
    @Test(arguments: [
        ("extensions <", 12, "expected a value"),
        ("extensions = 1", 11, "use '=='"),
        ("'unclosed", 0, "not closed"),
        ("deadline - 2xd", 11, "not a duration"),
        ("1 < 2 < 3", 6, "do not chain"),
        ("extensoins + 1", 0, "did you mean 'extensions'"),
        ("extensions < 'one'", 11, "cannot order int and text"),
        ("deadline + title", 9, "cannot add text to date"),
        ("source == 'medai'", 10, "not a value of 'source'"),
        ("event.until", 6, "only known inside an 'on' transition"),
        ("unit.strike(365d) > 1", 5, "did you mean 'strikes'"),
        ("unit.strikes(3) > 1", 5, "takes the window"),
        ("lenn(title)", 0, "unknown function 'lenn' (did you mean 'len'?)"),
        ("not title", 0, "needs a true/false value"),
        ("date('2026-02-30')", 5, "not a date"),
        ("", 0, "empty"),
        ("1 2", 2, "unexpected number 2"),
    ])
    func errors(_ source: String, _ offset: Int, _ fragment: String) {
        do {
            _ = try evaluate(source)
            Issue.record("'\(source)' should fail")
        } catch let error as ExprError {
            #expect(error.offset == offset, "\(source): \(error.message)")
            #expect(error.message.contains(fragment), "\(source): \(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// Errors only found at run time: division by zero, a date moved by hours, an unset value.
    @Test(arguments: ["extensions / 0 > 1", "deadline + 4h == now"])
    func runtimeErrors(_ source: String) {
        #expect(throws: ExprError.self) { try evaluate(source) }
    }

    /// The event's payload and actor are readable inside a transition.
    @Test func eventFields() throws {
        let event = EventInput(name: "request_extension", actor: "chengguan", time: at("2026-04-30T10:00"), payload: ["until": .date(day("2026-05-15"))])
        #expect(try evaluate("event.until > deadline", event: event) == .bool(true))
        #expect(try evaluate("event.actor == unit", event: event) == .bool(true))
    }

    /// `unit.strikes(365d)` counts the unit's own strikes inside the window only.
    @Test func ledgerCounts() throws {
        let ledger = [
            LedgerEntry(unit: "chengguan", kind: .strike, time: at("2026-01-10T18:00")),
            LedgerEntry(unit: "chengguan", kind: .strike, time: at("2025-03-10T18:00")),   // older than 365 days
            LedgerEntry(unit: "chengguan", kind: .criticism, time: at("2026-02-10T18:00")),
            LedgerEntry(unit: "gongan", kind: .strike, time: at("2026-02-10T18:00")),
        ]
        #expect(try evaluate("unit.strikes(365d)", ledger: ledger) == .int(1))
        #expect(try evaluate("unit.strikes(800d)", ledger: ledger) == .int(2))
        #expect(try evaluate("unit.criticisms(365d) + unit.interviews(365d)", ledger: ledger) == .int(1))
    }

    /// `year` counts this calendar year only; `running` counts months in a row up to now's (April 2026),
    /// across the turn of the year; a line dated after now is not counted.
    @Test func ledgerWindows() throws {
        let bottom = ["2025-11-05", "2025-12-03", "2026-02-04", "2026-03-04", "2026-04-08", "2026-05-08"].map {
            LedgerEntry(unit: "chengguan", kind: .bottomRank, time: at("\($0)T10:00"))
        }
        #expect(try evaluate("unit.bottom_ranks(year)", ledger: bottom) == .int(3))
        #expect(try evaluate("unit.bottom_ranks(running)", ledger: bottom) == .int(3))
        #expect(try evaluate("unit.bottom_ranks(running)", ledger: Array(bottom.prefix(4))) == .int(0))   // none in April
        let turn = ["2025-12-03", "2026-01-07", "2026-02-04", "2026-03-04", "2026-04-08"].map {
            LedgerEntry(unit: "chengguan", kind: .bottomRank, time: at("\($0)T10:00"))
        }
        #expect(try evaluate("unit.bottom_ranks(running)", ledger: turn) == .int(5))
    }

    /// The bottom three of a ranking with ties: units tied across the line are all in, the best never.
    @Test func bottomRanks() {
        let places = [("a", 1), ("b", 2), ("c", 3), ("d", 3), ("e", 3), ("f", 6)].map { (unit: $0.0, place: $0.1) }
        #expect(BottomRanks.units(places, bottom: 3) == ["c", "d", "e", "f"])
        #expect(BottomRanks.units(places, bottom: 1) == ["f"])
        #expect(BottomRanks.units(places.map { (unit: $0.unit, place: 1) }, bottom: 3).isEmpty)
    }
}
