import DubanModel
import Foundation

/// A link in a message to a unit that lets its holder act on one matter:
/// which unit, which matter, which events, until when, and the unit's link
/// generation when it was signed (`duban links revoke` raises it). The one
/// type that writes and reads the token: fields joined by U+001F, Base64URL,
/// then "." and the HMAC-SHA256 of those bytes under the server's link key.
public struct SignedLink: Sendable, Hashable {
    public var unit: String
    public var matter: String
    public var events: [String]
    public var expires: Instant
    public var generation: Int

    /// How long a link holds by default.
    public static let lifetime: Int64 = 14 * 86_400

    public init(unit: String, matter: String, events: [String], expires: Instant, generation: Int) {
        self.unit = unit
        self.matter = matter
        self.events = events
        self.expires = expires
        self.generation = generation
    }

    public func token(key: [UInt8]) -> String {
        let body = Array([unit, matter, events.joined(separator: ","), String(expires.seconds), String(generation)]
            .joined(separator: "\u{1F}").utf8)
        return Base64URL.encode(body) + "." + Base64URL.encode(HMACSHA256.mac(key: key, message: body))
    }

    /// Reads a token; it must be signed under `key`. Expiry and revocation are the caller's to check.
    public init(token: String, key: [UInt8]) throws(AccessError) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let body = Base64URL.decode(parts[0]), let mac = Base64URL.decode(parts[1]) else {
            throw .badLink(.malformed)
        }
        guard constantTimeEqual(mac, HMACSHA256.mac(key: key, message: body)) else { throw .badLink(.tampered) }
        let fields = String(decoding: body, as: UTF8.self).split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 5, let expires = Int64(fields[3]), let generation = Int(fields[4]) else { throw .badLink(.malformed) }
        self.init(unit: fields[0], matter: fields[1], events: fields[2].split(separator: ",").map(String.init),
                  expires: Instant(seconds: expires), generation: generation)
    }
}

/// Compares secrets without stopping at the first difference.
public func constantTimeEqual(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
}

/// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5).
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: Substring) -> [UInt8]? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        s += String(repeating: "=", count: (4 - s.count % 4) % 4)
        return Data(base64Encoded: s).map(Array.init)
    }
}

/// Random secrets: session cookies, CSRF tokens, API tokens, keys.
enum Secret {
    static func bytes(_ n: Int = 32) -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<n).map { _ in UInt8.random(in: .min ... .max, using: &g) }
    }

    static func token() -> String { Base64URL.encode(bytes()) }

    static func hash(_ token: String) -> String { SHA256.hex(token) }
}
