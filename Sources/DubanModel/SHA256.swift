import CSHA256

/// SHA-256 (FIPS 180-4), for the audit trail's hash chain. Small and pure so
/// the core needs no crypto library; checked against published test vectors.
/// Where the processor has the SHA extensions, blocks go through them.
public struct SHA256: Sendable {
    private static let hardware = duban_sha256_hw_available() != 0
    /// False to run the portable code where the hardware would serve (tests compare the two).
    let useHardware: Bool
    /// H0…H7, inline (an array would cost an allocation per hash; the audit trail hashes once per step).
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    /// The bytes of a block not yet complete, inline: the audit trail hashes once per step.
    private var tail = Block()
    private var used = 0
    private var length: UInt64 = 0

    private struct Block { var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0) }

    /// The round constants: the C target's table (immutable, so safe to share).
    nonisolated(unsafe) private static let k = UnsafeBufferPointer(start: duban_sha256_constants(), count: 64)

    public init() { useHardware = Self.hardware }

    init(portable: Bool) { useHardware = Self.hardware && !portable }

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let bytes = Array(bytes)
        bytes.withUnsafeBufferPointer { update(contiguous: $0) }
    }

    /// Whole blocks go straight from the bytes; only a part block is copied.
    public mutating func update(contiguous bytes: UnsafeBufferPointer<UInt8>) {
        guard var p = bytes.baseAddress, !bytes.isEmpty else { return }
        var n = bytes.count
        length &+= UInt64(n)
        if used > 0 {
            let take = min(64 - used, n)
            withUnsafeMutableBytes(of: &tail) { $0.baseAddress!.advanced(by: used).copyMemory(from: p, byteCount: take) }
            used += take
            p += take
            n -= take
            guard used == 64 else { return }
            var block = tail
            withUnsafeBytes(of: &block) { compress($0.baseAddress!.assumingMemoryBound(to: UInt8.self), blocks: 1) }
            used = 0
        }
        if n >= 64 {
            compress(p, blocks: n / 64)
            p += n / 64 * 64
            n %= 64
        }
        if n > 0 {
            withUnsafeMutableBytes(of: &tail) { $0.baseAddress!.copyMemory(from: p, byteCount: n) }
            used = n
        }
    }

    public mutating func finalize() -> [UInt8] {
        finish()
        return withUnsafeBytes(of: h) { words in
            (0..<32).map { i in UInt8(truncatingIfNeeded: words.load(fromByteOffset: i / 4 * 4, as: UInt32.self) >> (24 - 8 * UInt32(i % 4))) }
        }
    }

    /// The digest in lowercase hex.
    public mutating func hexDigest() -> String {
        finish()
        return withUnsafeBytes(of: h) { words in
            String(unsafeUninitializedCapacity: 64) { out in
                for i in 0..<8 {
                    let word = words.load(fromByteOffset: 4 * i, as: UInt32.self)
                    for j in 0..<8 { out[8 * i + j] = Self.hexDigits[Int(word >> (28 - 4 * UInt32(j)) & 15)] }
                }
                return 64
            }
        }
    }

    /// Pads the tail (0x80, zeros, the bit length) into one or two last blocks.
    private mutating func finish() {
        let bits = length &* 8
        let zeros = (used < 56 ? 55 : 119) - used
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: zeros + 9) { pad in
            pad.initialize(repeating: 0)
            pad[0] = 0x80
            for i in 0..<8 { pad[zeros + 1 + i] = UInt8(truncatingIfNeeded: bits >> (56 - 8 * UInt64(i))) }
            update(contiguous: UnsafeBufferPointer(pad))
        }
    }

    /// Whole 64-byte blocks.
    private mutating func compress(_ data: UnsafePointer<UInt8>, blocks: Int) {
        if useHardware {
            withUnsafeMutableBytes(of: &h) { duban_sha256_hw_blocks($0.baseAddress!.assumingMemoryBound(to: UInt32.self), data, blocks) }
            return
        }
        for n in 0..<blocks { compressPortably(data + 64 * n) }
    }

    /// One 64-byte block. The message schedule lives on the stack.
    private mutating func compressPortably(_ block: UnsafePointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 {
                w[i] = UInt32(block[4 * i]) << 24 | UInt32(block[4 * i + 1]) << 16 | UInt32(block[4 * i + 2]) << 8 | UInt32(block[4 * i + 3])
            }
            @inline(__always) func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }
            for i in 16..<64 {
                let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = h
            let k = Self.k
            for i in 0..<64 {
                let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
                let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
        }
    }

    /// The hex digest of some text's UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        var text = text
        return text.withUTF8 { hex($0) }
    }

    /// The hex digest of some bytes.
    public static func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var s = SHA256()
        s.update(contiguous: bytes)
        return s.hexDigest()
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

func pad(_ n: Int, _ width: Int, radix: Int) -> String {
    let s = String(n, radix: radix)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// HMAC-SHA256 (RFC 2104): the signatures of webhooks and work-chat robots.
public enum HMACSHA256 {
    public static func mac(key: some Sequence<UInt8>, message: some Sequence<UInt8>) -> [UInt8] {
        var k = Array(key)
        if k.count > 64 { var h = SHA256(); h.update(k); k = h.finalize() }
        k += Array(repeating: 0, count: 64 - k.count)
        var inner = SHA256()
        inner.update(k.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(k.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }

    public static func hex(key: String, message: String) -> String {
        let digits = Array("0123456789abcdef")
        return String(mac(key: Array(key.utf8), message: Array(message.utf8)).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }
}
