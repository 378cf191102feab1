@testable import DubanModel
import DubanStore
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    /// Published FIPS 180-4 vectors, a multi-block text and CJK text (checked against Python's hashlib).
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
        ("督办：逾期未整改", "6ae1fa0ddc3469cc7e7d699b6e018db400f660f9cffd1317b0b1ccb4e108cb53"),
    ])
    func vectors(_ text: String, _ hex: String) {
        #expect(SHA256.hex(text) == hex)
    }

    /// The SHA-extension path and the portable code agree on every length around the block edges,
    /// fed whole and in pieces (on a machine without the extensions both run the portable code).
    @Test func hardwareMatchesPortable() {
        for length in 0...300 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ length) }
            var fast = SHA256(), portable = SHA256(portable: true), pieces = SHA256()
            bytes.withUnsafeBufferPointer { fast.update(contiguous: $0) }
            portable.update(bytes)
            for piece in stride(from: 0, to: length, by: 37) {
                bytes[piece..<min(piece + 37, length)].withUnsafeBufferPointer { pieces.update(contiguous: $0) }
            }
            let expected = portable.finalize()
            #expect(fast.finalize() == expected, "length \(length)")
            #expect(pieces.finalize() == expected, "length \(length) in pieces")
        }
    }

    /// An audit record's hash covers its fields joined by U+001F, in the order
    /// every existing chain was written with (expected values from Python's hashlib).
    @Test(arguments: [("12", "a059bfc20e393ca7326010309203d023d4799d5e9f32931d91863efc487308aa"),
                      (nil, "45e6cde88b643ef42f2408c2d34f8c797cffb8597f9bbd08481068dd202dde5b")])
    func auditRecordHash(_ instance: String?, _ hex: String) {
        let detail = #"{"timer":"step.2","due":1773655200,"effects":["escalate ladder 通报 u20","ledger u20 criticism"]}"#
        let record = AuditRecord(seq: 7, instance: instance, time: Instant(seconds: 1_773_655_200), recorded: Instant(seconds: 1_773_657_000),
                                 actor: "timer", kind: .timer, detail: detail, previousHash: String(repeating: "0", count: 64), hash: "")
        #expect(record.computedHash == hex)
    }
}
