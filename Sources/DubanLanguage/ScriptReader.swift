import DubanModel
import DubanYAML

/// One line of a simulation script (`--events FILE`).
public struct ScriptLine: Sendable, Hashable {
    public var time: Instant
    public var instance: String
    public var event: String
    public var actor: String
    public var payload: [String: Value]
}

/// A simulation script: events, and the ledger history the units start with.
public struct Script: Sendable {
    public var lines: [ScriptLine] = []
    public var ledger: [LedgerEntry] = []

    public init() {}
}

/// Reads a simulation script:
///
///     events:
///       - { time: "2026-04-03 10:00", event: acknowledge, actor: chengguan }
///       - { time: "2026-04-20 09:00", instance: main.1, event: held, actor: office, payload: { note: 已约谈 } }
///     ledger:            # optional: history before the span
///       - { unit: chengguan, kind: strike, time: "2026-01-10 18:00", clause: 第六条 }
public enum ScriptReader {
    static let lineShape = Shape.object([
        .init("time", .text(doc: "YYYY-MM-DD HH:MM"), required: true, "when"),
        .init("instance", .text(doc: "main or a child id such as main.1"), "which instance (default main)"),
        .init("event", .name, required: true, "the event"),
        .init("actor", .text(doc: "a unit id or office"), "who sends it (default office)"),
        .init("payload", .object([], extra: .anything), "the event's data"),
    ])

    static let ledgerShape = Shape.object([
        .init("unit", .name, required: true, "the unit id"),
        .init("kind", .choice(LedgerKind.allCases.map(\.rawValue), doc: "a ledger kind"), required: true, "what was recorded"),
        .init("time", .text(doc: "YYYY-MM-DD HH:MM"), required: true, "when"),
        .init("clause", .text(doc: "free text"), "the clause that applied"),
    ])

    public static func read(_ source: SourceFile, zone: Zone) -> (script: Script, diagnostics: [Diagnostic]) {
        let doc = YAML.parse(source.text)
        var reader = NodeReader(file: source.path)
        for p in doc.problems { reader.error(p.message, at: p.mark) }
        guard let root = doc.root else { return (Script(), reader.diagnostics) }
        guard let f = reader.fields(root, .object([
            .init("events", .list(lineShape), required: true, "the scripted events"),
            .init("ledger", .list(ledgerShape), "the units' history before the span"),
        ]), "the events file") else {
            return (Script(), reader.diagnostics)
        }
        var script = Script()
        for item in reader.list(f["ledger"], "ledger") {
            guard let l = reader.fields(item, ledgerShape, "a ledger entry"), let unit = reader.name(l["unit"], "unit"),
                  let kind = reader.choice(l["kind"], "kind", as: LedgerKind.self), let timeText = reader.text(l["time"], "time") else { continue }
            guard let time = zone.parse(timeText) else {
                reader.error("'\(timeText)' is not a date and time (YYYY-MM-DD HH:MM)", at: l["time"]!.mark)
                continue
            }
            script.ledger.append(LedgerEntry(unit: unit, kind: kind, time: time, clause: l["clause"].flatMap { reader.text($0, "clause") }))
        }
        for item in reader.list(f["events"], "events") {
            guard let e = reader.fields(item, lineShape, "an event"), let timeText = reader.text(e["time"], "time"),
                  let name = reader.name(e["event"], "event") else { continue }
            guard let time = zone.parse(timeText) else {
                reader.error("'\(timeText)' is not a date and time (YYYY-MM-DD HH:MM)", at: e["time"]!.mark)
                continue
            }
            var payload: [String: Value] = [:]
            if let p = e["payload"] {
                for entry in reader.namedEntries(p, "payload") { payload[entry.name] = value(entry.value) }
            }
            script.lines.append(ScriptLine(time: time, instance: e["instance"].flatMap { reader.text($0, "instance") } ?? "main",
                                    event: name, actor: e["actor"].flatMap { reader.text($0, "actor") } ?? "office", payload: payload))
        }
        return (script, reader.diagnostics)
    }

    /// YAML values as given; the engine fits text to the declared payload types.
    static func value(_ node: Node) -> Value {
        switch node.kind {
        case .sequence(let items): return .list(items.map(value))
        case .mapping: return .text(node.text ?? "")
        case .scalar(let s):
            switch s.resolved {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            default: return .text(s.text)
            }
        }
    }
}
