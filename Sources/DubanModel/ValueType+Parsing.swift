extension ValueType {
    /// Reads a value of this type from text, as given on the command line, in a
    /// CSV cell or a YAML scalar. Lists are comma-separated. Nil when it does not fit.
    public func parse(_ text: String, zone: Zone) -> Value? {
        let s = text.trimmingCharacters(in: .whitespaces)
        switch self {
        case .null: return s.isEmpty || s == "null" ? .null : nil
        case .any, .text: return .text(text)
        case .bool:
            switch s.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return nil
            }
        case .int: return Int(s).map(Value.int)
        case .date: return Day(iso: s).map(Value.date)
        case .datetime: return zone.parse(s).map(Value.datetime)
        case .duration: return WorkDuration(s).map(Value.duration)
        case .unit: return s.isEmpty ? nil : .unit(s)
        case .enumeration(let values): return values.contains(s) ? .text(s) : nil
        case .file:
            let hashes = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard hashes.allSatisfy({ $0.count == 64 && $0.allSatisfy(\.isHexDigit) }) else { return nil }
            return .list(hashes.map(Value.text))
        case .list(let item):
            if s.isEmpty { return .list([]) }
            var items: [Value] = []
            for part in s.split(separator: ",") {
                guard let v = item.parse(String(part), zone: zone) else { return nil }
                items.append(v)
            }
            return .list(items)
        }
    }

    /// What a value of this type looks like, for error messages.
    public var example: String {
        switch self {
        case .null, .any: return "anything"
        case .text: return "any text"
        case .bool: return "true or false"
        case .int: return "a whole number"
        case .date: return "a date, YYYY-MM-DD"
        case .datetime: return "a date and time, YYYY-MM-DDTHH:MM"
        case .duration: return WorkDuration.syntaxHelp
        case .unit: return "a unit id from units.yaml"
        case .enumeration(let v): return "one of \(v.joined(separator: ", "))"
        case .list(let t): return "a comma-separated list of \(t.example)"
        case .file: return "files sent with the event (JPEG, PNG or PDF)"
        }
    }
}
