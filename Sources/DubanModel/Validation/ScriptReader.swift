import DubanYAML

/// One line of a simulation script (`--events FILE`).
public struct ScriptLine: Sendable, Hashable {
    public var time: Instant
    public var instance: String
    public var event: String
    public var actor: String
    public var payload: [String: Value]
}

/// Reads a simulation script:
///
///     events:
///       - { time: "2026-04-03 10:00", event: acknowledge, actor: chengguan }
///       - { time: "2026-04-20 09:00", instance: main.1, event: held, actor: office, payload: { note: 已约谈 } }
public enum ScriptReader {
    static let lineShape = Shape.object([
        .init("time", .text(doc: "YYYY-MM-DD HH:MM"), required: true, "when"),
        .init("instance", .text(doc: "main or a child id such as main.1"), "which instance (default main)"),
        .init("event", .name, required: true, "the event"),
        .init("actor", .text(doc: "a unit id or office"), "who sends it (default office)"),
        .init("payload", .object([], extra: .anything), "the event's data"),
    ])

    public static func read(_ source: SourceFile, zone: Zone) -> (lines: [ScriptLine], diagnostics: [Diagnostic]) {
        let doc = YAML.parse(source.text)
        var reader = NodeReader(file: source.path)
        for p in doc.problems { reader.error(p.message, at: p.mark) }
        guard let root = doc.root else { return ([], reader.diagnostics) }
        guard let f = reader.fields(root, .object([.init("events", .list(lineShape), required: true, "the scripted events")]), "the events file") else {
            return ([], reader.diagnostics)
        }
        var lines: [ScriptLine] = []
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
            lines.append(ScriptLine(time: time, instance: e["instance"].flatMap { reader.text($0, "instance") } ?? "main",
                                    event: name, actor: e["actor"].flatMap { reader.text($0, "actor") } ?? "office", payload: payload))
        }
        return (lines, reader.diagnostics)
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
