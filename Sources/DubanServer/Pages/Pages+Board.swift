import DubanModel
import DubanRuntime
import Foundation
import Hummingbird
import Synchronization

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
        var decisions: Int
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
    /// Counted before the latest steps (a thread counts anew): the page asks again shortly.
    var stale: Bool
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
            let body = try await call(visit.context) { () throws -> BoardView in
                let defs = try runtime.definitions()
                let tracked = defs.project.workflows.filter { w in w.inputs.contains { $0.name == "deadline" } }
                // The lights come with the board's count; only a filter on a value (area, source) reads the matters.
                var allowed: Set<String>?
                if chosen("area") != nil || chosen("source") != nil {
                    var query = MatterQuery(unit: chosen("unit"))
                    for key in ["area", "source"] { query.values[key] = chosen(key) }
                    allowed = Set(try runtime.matters(query, as: p.viewer, now: now).matters.map(\.id))
                }
                let units = defs.project.units?.units ?? []
                let (board, current) = try runtime.boardSnapshot(as: p.viewer, now: now)
                let rows = board.filter { chosen("unit") == nil || $0.unit == chosen("unit") }
                let areas = try Self.areas(runtime, now: now)
                let ranking: [BoardView.Place] = p.isOffice ? [] : try runtime.ranking(now: now).map {
                    .init(rank: $0.rank, name: $0.name, onTime: $0.onTimePercent.map { "\($0)%" } ?? "—", overdue: $0.overdue,
                          mine: $0.unit == p.unit)
                }
                return BoardView(
                    filters: Self.boardFilters(tracked, areas: areas, units: p.isOffice ? units : [], chosen: chosen, l),
                    rows: rows.map { r in
                        let mine = r.running.filter { m in
                            chosen("state").map { $0 == m.state } ?? true && allowed.map { $0.contains(m.id) } ?? true
                        }
                        let top = r.late.compactMap(\.ladder).max { $0.nextNumber < $1.nextNumber }
                        return BoardView.Row(
                            rank: r.rank, name: r.name, head: units.first { $0.id == r.unit }?.head?.name ?? "",
                            matters: r.matters, closed: r.closed, overdue: r.overdue, onTime: r.onTimePercent.map { "\($0)%" } ?? "—",
                            ladder: top.map { "\($0.taken ?? "—")（\($0.nextNumber - 1)/\($0.steps)）" + ($0.level.map { " " + (visit.language == .zh ? $0.zh : $0.en) } ?? "") } ?? "",
                            criticisms: r.criticisms, interviews: r.interviews, decisions: r.decisions,
                            dots: mine.prefix(Self.dotsPerUnit).map { m in
                                let state = defs.workflow(m.workflow, version: m.version)?.state(m.state)?.title ?? m.state
                                return .init(href: "/matters/\(m.id)", light: m.light.rawValue,
                                             label: "\(m.id) · \(state) · \(l("light_" + m.light.rawValue))")
                            },
                            more: mine.count > Self.dotsPerUnit ? visit.language.fill("more", mine.count - Self.dotsPerUnit) : nil)
                    },
                    ranking: ranking, hasRanking: !ranking.isEmpty, stale: !current)
            }
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

    /// The evaluation areas the running matters name, for the filter: read
    /// at most once a minute, since it reads every running matter.
    static func areas(_ runtime: Runtime, now: Instant) throws -> [String] {
        let minute = now.seconds / 60
        if let kept = areaCache.withLock({ $0.minute == minute ? $0.areas : nil }) { return kept }
        let areas = Set(try runtime.matters(MatterQuery(), as: .office, now: now).matters.compactMap {
            $0.instance.values["area"]?.display(in: .shanghai)
        }.filter { !$0.isEmpty }).sorted()
        areaCache.withLock { $0 = (minute, areas) }
        return areas
    }

    static let areaCache = Mutex<(minute: Int64, areas: [String])>((-1, []))
}
