import DubanEngine
import DubanModel
import Foundation

/// The `detail` of an audit row, and the one type that writes and reads it:
///
///     {"event":"report","by":"wang.li","data":{…},"files":["9f2c…"],"effects":["rectifying -> reviewing (report)", …]}
///     {"timer":"at.1","due":1777600800,"effects":[…]}
///     {"effects":[…]}                                   (a start)
///
/// Each effect is one line of words saying what the step did.
struct AuditDetail: Sendable {
    enum Trigger: Sendable {
        case start
        case event(name: String, data: [String: Value])
        case timer(TimerKey, due: Instant)
    }

    var trigger: Trigger
    /// The account (or "link") that sent an event through the server.
    var person: String?
    /// The SHA-256 of each file of evidence sent with it.
    var files: [String]
    var effects: [String]

    /// Reads a detail back; nil when it is not one (a damaged row).
    init?(_ text: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let effects = object["effects"] as? [String] else { return nil }
        self.effects = effects
        person = object["by"] as? String
        files = object["files"] as? [String] ?? []
        if let name = object["event"] as? String {
            var data: [String: Value] = [:]
            if let raw = object["data"], let json = try? JSONSerialization.data(withJSONObject: raw, options: [.sortedKeys]) {
                data = (try? ValueCoding.decode(String(decoding: json, as: UTF8.self))) ?? [:]
            }
            trigger = .event(name: name, data: data)
        } else if let key = (object["timer"] as? String).flatMap(TimerKey.init), let due = object["due"] as? Int64 {
            trigger = .timer(key, due: Instant(seconds: due))
        } else {
            trigger = .start
        }
    }

    /// Writes a detail as bytes while a step's effects are carried out: a
    /// tick writes one per step, and building each line as text first cost more.
    struct Writer {
        private var json: [UInt8] = []
        private var effects = 0

        init(_ trigger: Trigger, person: String? = nil, files: [String] = []) {
            json.reserveCapacity(256)
            json.append(UInt8(ascii: "{"))
            switch trigger {
            case .start: break
            case .event(let name, let data):
                json.appendText("\"event\":")
                json.appendJSONString(name)
                json.append(UInt8(ascii: ","))
                if let person {
                    json.appendText("\"by\":")
                    json.appendJSONString(person)
                    json.append(UInt8(ascii: ","))
                }
                if !data.isEmpty { json.appendText("\"data\":" + ValueCoding.encode(data) + ",") }
                if !files.isEmpty { json.appendText("\"files\":[" + files.map { "\"\($0)\"" }.joined(separator: ",") + "],") }
            case .timer(let key, let due):
                json.appendText("\"timer\":")
                json.appendJSONString(key.description)
                json.appendText(",\"due\":")
                json.appendDecimal(due.seconds)
                json.append(UInt8(ascii: ","))
            }
            json.appendText("\"effects\":[")
        }

        /// One effect: the parts run together, escaped.
        mutating func effect(_ parts: String...) {
            if effects > 0 { json.append(UInt8(ascii: ",")) }
            effects += 1
            json.append(UInt8(ascii: "\""))
            for part in parts { json.appendJSONEscaped(part) }
            json.append(UInt8(ascii: "\""))
        }

        /// The detail's text; the writer is done with.
        mutating func finish() -> String {
            json.appendText("]}")
            return String(decoding: json, as: UTF8.self)
        }
    }
}
