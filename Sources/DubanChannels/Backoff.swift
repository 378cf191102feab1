/// When to try again: exponential from `base`, capped, with ±20% jitter so
/// that many failures after an outage do not retry in lockstep.
public struct Backoff: Sendable {
    public var base: Int64
    public var cap: Int64
    public var maxAttempts: Int

    public init(base: Int64 = 30, cap: Int64 = 3600, maxAttempts: Int = 8) {
        self.base = base
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    /// Seconds to wait after the `attempts`-th failure; `random` in 0..<1.
    public func delay(afterAttempts attempts: Int, random: Double) -> Int64 {
        let exponent = min(max(attempts - 1, 0), 30)
        let plain = min(cap, base << Int64(exponent))
        let jitter = (random * 0.4 - 0.2) * Double(plain)
        return max(1, plain + Int64(jitter.rounded()))
    }
}
