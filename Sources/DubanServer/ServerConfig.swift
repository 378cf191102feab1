import DubanModel

/// How `duban serve` runs: where it listens, the address users reach it
/// at (for links and the cookie's Secure flag), and the ticker's period.
public struct ServerConfig: Sendable {
    public var host: String
    public var port: Int
    /// The address in links sent to units, e.g. https://duban.example.gov.cn.
    public var publicURL: String
    /// Seconds between in-process ticks and deliveries; 0: no ticker (cron ticks).
    public var tickEvery: Int
    /// How long a request body may be; an event with evidence is the largest.
    public var maxBody = 60 << 20
    /// Messages each in-process delivery sends at most.
    public var deliveryLimit = 500

    public init(host: String, port: Int, publicURL: String, tickEvery: Int) {
        self.host = host
        self.port = port
        self.publicURL = publicURL
        self.tickEvery = tickEvery
    }

    /// Cookies are marked Secure when users reach the server over https.
    var secureCookies: Bool { publicURL.lowercased().hasPrefix("https://") }

    /// The origin browsers send with a request from the server's own pages.
    var origin: String {
        let parts = publicURL.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count >= 3 ? parts[0...2].joined(separator: "/") : publicURL
    }
}
