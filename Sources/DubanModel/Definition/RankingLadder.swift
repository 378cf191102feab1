/// A ladder climbed on the monthly ranking rather than on one late matter
/// (江门: bottom three once, twice running, three times in a year). The
/// circular records the bottom `bottom` units in their ledgers (bottom_rank);
/// after it, each unit takes the first rung whose condition holds, so rungs
/// are written from the heaviest down.
public struct RankingLadder: Sendable {
    /// How many places from the bottom count as bottom-ranked (末位, 后三名).
    public var bottom: Int
    public var rungs: [RankingRung]
    public var mark: Mark

    public init(bottom: Int, rungs: [RankingRung], mark: Mark) {
        self.bottom = bottom
        self.rungs = rungs
        self.mark = mark
    }

    /// The first rung that holds for a unit, by the caller's test.
    public func rung<E: Error>(where holds: (RankingRung) throws(E) -> Bool) throws(E) -> (Int, RankingRung)? {
        for (i, rung) in rungs.enumerated() where try holds(rung) { return (i, rung) }
        return nil
    }
}

/// `{ name: 约谈, if: "unit.bottom_ranks(running) >= 2", clause: 第三条, do: [...] }`
public struct RankingRung: Sendable {
    public var name: String
    public var condition: Expression
    public var actions: [Action]
    public var ledger: LedgerKind?
    public var clause: String?
    public var mark: Mark

    public init(name: String, condition: Expression, actions: [Action], ledger: LedgerKind? = nil, clause: String? = nil, mark: Mark) {
        self.name = name
        self.condition = condition
        self.actions = actions
        self.ledger = ledger
        self.clause = clause
        self.mark = mark
    }
}

/// Which units of one circular's ranking are bottom-ranked: those with fewer
/// than `bottom` units below them, so that units tied across the line are all
/// in; when every unit ties, none is.
public enum BottomRanks {
    /// `places`: each ranked unit's shared place (1, 2, 2, 4…), best first.
    public static func units(_ places: [(unit: String, place: Int)], bottom: Int) -> [String] {
        guard let best = places.map(\.place).min() else { return [] }
        return places.filter { row in
            row.place != best && places.filter { $0.place > row.place }.count < bottom
        }.map(\.unit)
    }
}
