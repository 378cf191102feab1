import DubanEngine

extension TimerKey {
    /// Parses a timer row's key (`after.0`, `at.1`, `step.2`) from its bytes:
    /// read for every timer a tick fires, so no text is made and the digits
    /// are read one by one.
    init?(row bytes: UnsafeBufferPointer<UInt8>) {
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")), dot + 1 < bytes.count, bytes.count - dot <= 10 else { return nil }
        var i = 0
        for b in bytes[(dot + 1)...] {
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
            i = i * 10 + Int(b - UInt8(ascii: "0"))
        }
        let name = UnsafeBufferPointer(rebasing: bytes[..<dot])
        switch dot {
        case 5 where name.elementsEqual("after".utf8): self = .after(i)
        case 2 where name.elementsEqual("at".utf8): self = .at(i)
        case 4 where name.elementsEqual("step".utf8): self = .step(i)
        default: return nil
        }
    }
}

extension TimerKey {
    /// Parses a timer row's key given as text.
    init?(row text: String) {
        var text = text
        guard let key = text.withUTF8({ TimerKey(row: $0) }) else { return nil }
        self = key
    }
}
