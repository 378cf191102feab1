import DubanModel

/// What a step did, as its audit row lists it: a JSON array of strings,
/// written as bytes while the step's effects are carried out, since a tick
/// writes one per step and building each line as text first cost more.
struct EffectLog {
    /// `[` and the entries so far, each a JSON string.
    private(set) var json: [UInt8] = []

    init() {
        json.reserveCapacity(192)
        json.append(UInt8(ascii: "["))
    }

    /// One entry: the parts run together, escaped.
    mutating func add(_ parts: String...) {
        if json.count > 1 { json.append(UInt8(ascii: ",")) }
        json.append(UInt8(ascii: "\""))
        for part in parts { json.appendJSONEscaped(part) }
        json.append(UInt8(ascii: "\""))
    }
}
