/// Seeded mutations of a file's bytes, the kinds that hostile or careless
/// input brings: flipped and dropped bytes, duplicated runs, deep nesting,
/// long lines, odd Unicode.
struct Mutator {
    /// SplitMix64: the same seed gives the same inputs on every machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    }

    var random: Random

    init(seed: UInt64) { random = Random(state: seed) }

    /// Odd pieces: a byte-order mark, zero-width and right-to-left marks, a
    /// lone continuation byte, an overlong encoding, NUL, ESC, CR, tab, CJK,
    /// YAML indicators.
    static let oddities: [[UInt8]] = [
        [0xEF, 0xBB, 0xBF], [0xE2, 0x80, 0x8B], [0xE2, 0x80, 0xAE], [0x80], [0xC0, 0xAF], [0x00], [0x1B], [0x0D], [0x09],
        Array("督办".utf8), Array("&a *a <<: ".utf8), Array("!!int ".utf8), Array("{[".utf8), Array("\"\\u".utf8),
        Array("\n- ".utf8), Array(":".utf8), Array("#".utf8), Array("${{".utf8),
    ]

    /// One to three mutations of `input`.
    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...random.below(3) { bytes = once(bytes) }
        return bytes
    }

    private mutating func once(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        let at = random.below(bytes.count + 1)
        switch random.below(8) {
        case 0 where !bytes.isEmpty:
            bytes[min(at, bytes.count - 1)] ^= UInt8(1 << random.below(8))
        case 1 where !bytes.isEmpty:
            bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(64)))
        case 2 where !bytes.isEmpty:
            let start = random.below(bytes.count)
            let run = bytes[start..<min(bytes.count, start + 1 + random.below(256))]
            bytes.insert(contentsOf: Array(repeating: Array(run), count: 1 + random.below(8)).joined(), at: at)
        case 3:
            let depth = 1 + random.below(2_000)
            let (open, close): (UInt8, UInt8) = random.below(2) == 0 ? (0x5B, 0x5D) : (0x7B, 0x7D)
            bytes.insert(contentsOf: Array(repeating: open, count: depth) + Array(repeating: close, count: random.below(depth + 1)), at: at)
        case 4:
            bytes.insert(contentsOf: Array(repeating: UInt8(ascii: "x"), count: 1 + random.below(20_000)), at: at)
        case 5:
            bytes.insert(contentsOf: Self.oddities[random.below(Self.oddities.count)], at: at)
        case 6 where !bytes.isEmpty:
            // Re-indent a line: YAML's structure moves.
            bytes.insert(contentsOf: Array(repeating: UInt8(ascii: " "), count: random.below(9)), at: at)
        default:
            bytes = Array(bytes.prefix(at))
        }
        return bytes
    }
}
