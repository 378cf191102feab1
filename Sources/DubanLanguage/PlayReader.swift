import DubanModel
import DubanYAML

/// A campaign played on a real database: daily ticks over a span, and the
/// starts and signals of the script at their times (`duban play FILE`).
public struct Play: Sendable {
    public enum Action: Sendable {
        case start(workflow: String, inputs: [String: Value], csv: String?)
        case signal(instance: Target, event: String, actor: String, data: [String: Value])
    }

    /// An instance by id, or a unit's open instance of a workflow (`{ open: interview, of: xuanchuan }`).
    public enum Target: Sendable, Hashable, CustomStringConvertible {
        case id(String)
        case open(workflow: String, unit: String)

        public var description: String {
            switch self {
            case .id(let id): return id
            case .open(let workflow, let unit): return "the open \(workflow) of \(unit)"
            }
        }
    }

    public struct Step: Sendable {
        public var time: Instant
        public var action: Action
        public var line: Int
    }

    public var from: Day
    public var until: Day
    /// The times of day `duban tick` runs (as cron would).
    public var tickTimes: [TimeOfDay]
    public var steps: [Step] = []
}

/// Reads a play file:
///
///     play: { from: 2026-03-30, until: 2026-06-30, ticks: ["09:00", "18:30"] }
///     steps:
///       - { at: "2026-03-30 09:00", start: rectification, csv: tasks.csv }
///       - { at: "2026-04-01 10:00", signal: 1, event: acknowledge, actor: chengguan }
///       - { at: "2026-04-08 09:00", start: dispatch-meeting, inputs: { name: 调度会, … } }
public enum PlayReader {
    static let spanShape = Shape.object([
        .init("from", .text(doc: "YYYY-MM-DD"), required: true, "the first day"),
        .init("until", .text(doc: "YYYY-MM-DD"), required: true, "the last day"),
        .init("ticks", .list(.text(doc: "HH:MM")), "when tick runs each day (default 09:00 and 18:30)"),
    ])

    static let openShape = Shape.object([
        .init("open", .name, required: true, "a workflow"),
        .init("of", .name, required: true, "a unit: its open instance of the workflow, the latest started"),
    ])

    static let stepShape = Shape.object([
        .init("at", .text(doc: "YYYY-MM-DD HH:MM"), required: true, "when"),
        .init("start", .name, "start this workflow"),
        .init("inputs", .object([], extra: .anything), "with start: the inputs"),
        .init("csv", .text(doc: "a file beside the play file"), "with start: one instance a row"),
        .init("signal", .oneOf([.text(doc: "an instance id"), openShape]),
              "send an event to this instance, or to a unit's open one: { open: interview, of: xuanchuan }"),
        .init("event", .name, "with signal: the event"),
        .init("actor", .text(doc: "a unit id or office"), "with signal: who sends it (default office)"),
        .init("data", .object([], extra: .anything), "with signal: the event's data"),
    ])

    public static func read(_ source: SourceFile, zone: Zone) -> (play: Play?, diagnostics: [Diagnostic]) {
        let doc = YAML.parse(source.text)
        var reader = NodeReader(file: source.path)
        for p in doc.problems { reader.error(p.message, at: p.mark) }
        guard let root = doc.root, let f = reader.fields(root, .object([
            .init("play", spanShape, required: true, "the span"),
            .init("steps", .list(stepShape), required: true, "the scripted starts and signals"),
        ]), "the play file") else { return (nil, reader.diagnostics) }
        guard let span = f["play"], let p = reader.fields(span, spanShape, "play") else { return (nil, reader.diagnostics) }
        // Read on after a bad date, so that every mistake is reported at once.
        let from = day(p["from"], &reader) ?? Day(year: 1970, month: 1, day: 1)
        let until = day(p["until"], &reader) ?? from
        var ticks: [TimeOfDay] = []
        for t in reader.list(p["ticks"], "ticks") {
            guard let text = reader.text(t, "a tick time"), let time = TimeOfDay(text) else { reader.error("a tick time is HH:MM", at: t.mark); continue }
            ticks.append(time)
        }
        var play = Play(from: from, until: until, tickTimes: ticks.isEmpty ? [TimeOfDay(hour: 9, minute: 0), TimeOfDay(hour: 18, minute: 30)] : ticks.sorted())
        for item in reader.list(f["steps"], "steps") {
            guard let s = reader.fields(item, stepShape, "a step"), let atText = reader.text(s["at"], "at") else { continue }
            guard let time = zone.parse(atText) else { reader.error("'\(atText)' is not a date and time (YYYY-MM-DD HH:MM)", at: s["at"]!.mark); continue }
            func values(_ node: Node?) -> [String: Value] {
                var out: [String: Value] = [:]
                for pair in node?.mapping ?? [] {
                    guard let k = pair.key.text else { continue }
                    if let items = pair.value.sequence {
                        out[k] = .text(items.compactMap(\.text).joined(separator: ","))
                    } else if let v = reader.text(pair.value, "'\(k)'") {
                        out[k] = .text(v)
                    }
                }
                return out
            }
            if let w = s["start"], s["signal"] == nil {
                guard let workflow = reader.name(w, "start") else { continue }
                play.steps.append(.init(time: time, action: .start(workflow: workflow, inputs: values(s["inputs"]),
                                                                    csv: s["csv"].flatMap { reader.text($0, "csv") }), line: item.mark.line))
            } else if let target = s["signal"], s["start"] == nil {
                let instance: Play.Target?
                if target.mapping != nil {
                    let o = reader.fields(target, openShape, "signal")
                    instance = o.flatMap { o in
                        reader.name(o["open"], "open").flatMap { w in reader.name(o["of"], "of").map { .open(workflow: w, unit: $0) } }
                    }
                } else {
                    instance = reader.text(target, "signal").map { .id($0) }
                }
                guard let instance, let event = reader.name(s["event"], "event") else {
                    if s["event"] == nil { reader.error("a signal step needs 'event'", at: item.mark) }
                    continue
                }
                play.steps.append(.init(time: time, action: .signal(instance: instance, event: event,
                                                                     actor: s["actor"].flatMap { reader.text($0, "actor") } ?? "office",
                                                                     data: values(s["data"])), line: item.mark.line))
            } else {
                reader.error("a step has either 'start: WORKFLOW' or 'signal: INSTANCE'", at: item.mark)
            }
        }
        play.steps.sort { ($0.time, $0.line) < ($1.time, $1.line) }
        return (play, reader.diagnostics)
    }

    static func day(_ node: Node?, _ reader: inout NodeReader) -> Day? {
        guard let node, let text = reader.text(node, "a date") else { return nil }
        guard let d = Day(iso: text) else { reader.error("'\(text)' is not a date (YYYY-MM-DD)", at: node.mark); return nil }
        return d
    }
}
