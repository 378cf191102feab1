import DubanModel
import DubanRuntime
import Foundation
import Hummingbird

/// The board (挂图作战): a row per unit with its counts, its rung on the
/// ladder and its running matters as lights; the ranking.
struct BoardView: Sendable {
    struct Filter: Sendable {
        var name: String
        var label: String
        var options: [FormField.Option]
    }

    struct Dot: Sendable {
        var href: String
        var light: String
        var label: String
    }

    struct Row: Sendable {
        var rank: Int
        var name: String
        var head: String
        var matters: Int
        var closed: Int
        var overdue: Int
        var onTime: String
        var ladder: String
        var criticisms: Int
        var interviews: Int
        var dots: [Dot]
        var more: String?
    }

    struct Place: Sendable {
        var rank: Int
        var name: String
        var onTime: String
        var overdue: Int
        var mine: Bool
    }

    var filters: [Filter]
    var rows: [Row]
    var ranking: [Place]
    var hasRanking: Bool
}

extension API {
    static let dotsPerUnit = 60

    func addBoardPage(_ router: Router<DubanContext>) {
        page(router, .get, "/board") { visit in
            let p = try visit.signedIn()
            let q = visit.request.uri.queryParameters
            let picked = Dictionary(uniqueKeysWithValues: ["area", "source", "state", "unit"].compactMap { key in
                q.get(key).flatMap { $0.isEmpty ? nil : (key, String($0)) }
            })
            let chosen = { @Sendable (key: String) in picked[key] }
            let (runtime, now, l) = (self.runtime, clock(), visit.language)
            var body = try await call(visit.context) { () throws -> BoardView in
                let defs = try runtime.definitions()
                let tracked = defs.project.workflows.filter { w in w.inputs.contains { $0.name == "deadline" } }
                // Every running matter the reader sees, once: the filters' choices come from them too.
                let running = try runtime.matters(MatterQuery(unit: chosen("unit")), as: p.viewer, now: now).matters
                    .filter { m in tracked.contains { $0.id == m.instance.workflow } }
                func value(_ m: Matter, _ key: String) -> String? { m.instance.values[key]?.display(in: .shanghai) }
                let matters = running.filter { m in
                    chosen("state").map { $0 == m.instance.state } ?? true
                        && ["area", "source"].allSatisfy { key in chosen(key).map { $0 == value(m, key) } ?? true }
                }
                let areas = Set(running.compactMap { value($0, "area") }.filter { !$0.isEmpty }).sorted()
                let byUnit = Dictionary(grouping: matters) { $0.unit ?? "" }
                let units = defs.project.units?.units ?? []
                let rows = try runtime.board(as: p.viewer, now: now).filter { chosen("unit") == nil || $0.unit == chosen("unit") }
                return BoardView(
                    filters: Self.boardFilters(tracked, areas: areas, units: p.isOffice ? units : [], chosen: chosen, l),
                    rows: rows.map { r in
                        let mine = (byUnit[r.unit] ?? []).sorted { Self.urgency($0) < Self.urgency($1) }
                        let top = r.late.compactMap(\.ladder).max { $0.nextNumber < $1.nextNumber }
                        return BoardView.Row(
                            rank: r.rank, name: r.name, head: units.first { $0.id == r.unit }?.head?.name ?? "",
                            matters: r.matters, closed: r.closed, overdue: r.overdue, onTime: r.onTimePercent.map { "\($0)%" } ?? "—",
                            ladder: top.map { "\($0.taken ?? "—")（\($0.nextNumber - 1)/\($0.steps)）" } ?? "",
                            criticisms: r.criticisms, interviews: r.interviews,
                            dots: mine.prefix(Self.dotsPerUnit).map { m in
                                .init(href: "/matters/\(m.id)", light: m.light.rawValue,
                                      label: "\(m.id) \(Self.subject(m, defs)) · \(m.stateTitle) · \(l("light_" + m.light.rawValue))")
                            },
                            more: mine.count > Self.dotsPerUnit ? visit.words("more", mine.count - Self.dotsPerUnit) : nil)
                    },
                    ranking: p.isOffice ? [] : try runtime.ranking(now: now).map {
                        .init(rank: $0.rank, name: $0.name, onTime: $0.onTimePercent.map { "\($0)%" } ?? "—", overdue: $0.overdue,
                              mine: $0.unit == p.unit)
                    },
                    hasRanking: false)
            }
            body.hasRanking = !body.ranking.isEmpty
            return await render(visit, "board", title: l("board"), body: body)
        }
    }

    static func boardFilters(_ tracked: [WorkflowDefinition], areas: [String], units: [UnitRecord], chosen: (String) -> String?,
                             _ l: PageLanguage) -> [BoardView.Filter] {
        func filter(_ name: String, _ label: String, _ pairs: [(String, String)]) -> BoardView.Filter? {
            guard !pairs.isEmpty else { return nil }
            var seen = Set<String>()
            let options = pairs.filter { seen.insert($0.0).inserted }.map { FormField.Option(value: $0.0, label: $0.1, selected: chosen(name) == $0.0) }
            return .init(name: name, label: label, options: options)
        }
        func enumValues(_ input: String) -> [(String, String)] {
            tracked.flatMap { w -> [(String, String)] in
                guard case .enumeration(let values)? = w.inputs.first(where: { $0.name == input })?.type else { return [] }
                return values.map { ($0, l.words["\(input)_\($0)"] ?? $0) }
            }
        }
        let states = tracked.flatMap { w in w.states.filter { !$0.final }.map { ($0.name, $0.title ?? $0.name) } }
        return [
            filter("area", l("area"), areas.map { ($0, $0) }),
            filter("source", l("source"), enumValues("source")),
            filter("state", l("state"), states),
            filter("unit", l("unit"), units.map { ($0.id, $0.name) }),
        ].compactMap { $0 }
    }

    /// Red first, then yellow, then green; sooner deadlines first.
    static func urgency(_ m: Matter) -> (Int, Int64, String) {
        let order = [Light.red: 0, .yellow: 1, .green: 2][m.light] ?? 3
        return (order, m.deadline?.seconds ?? .max, m.id)
    }

    /// What the matter is about, in a few words: its first text input with a
    /// value (the problem, the commitment, the reason…), else the workflow's title.
    static func subject(_ m: Matter, _ defs: DefinitionSet) -> String {
        let w = defs.workflow(m.instance.workflow, version: m.instance.version)
        for decl in w?.inputs ?? [] where decl.type == .text {
            if case .text(let t)? = m.instance.values[decl.name], !t.isEmpty { return t.count > 40 ? String(t.prefix(40)) + "…" : t }
        }
        return w?.title ?? m.instance.workflow
    }
}
