import ArgumentParser
import DubanChannels
import DubanModel
import DubanRuntime
import DubanServer
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API and the units' link pages, and tick in-process.",
        discussion: """
        Accounts come first (the password is read from standard input):

          duban user add li.ming --office          an office admin
          duban user add wang.fang --unit chengguan a unit's 联络员
          duban serve --public-url https://duban.example.gov.cn

        Then, for example:

          curl -c jar -H 'Content-Type: application/json' \\
               -d '{"name":"wang.fang","password":"…"}' http://127.0.0.1:8080/api/v1/login
          curl -b jar http://127.0.0.1:8080/api/v1/matters

        The API is described at /api/v1/openapi.yaml; docs/server.md explains it.
        Every --tick-every the server fires due timers and delivers the outbox,
        as 'duban tick --deliver' would; a cron tick beside it stays safe. Give
        --tick-every 0 to leave ticking to cron. SIGTERM finishes the batch in
        hand and stops.
        """
    )

    @Option(help: ArgumentHelp("Address and port to listen on.", valueName: "HOST:PORT"))
    var listen = "127.0.0.1:8080"
    @Option(help: ArgumentHelp("Seconds between in-process ticks and deliveries; 0: none.", valueName: "SECONDS"))
    var tickEvery = "60s"
    @OptionGroup var runtime: RuntimeOptions
    @OptionGroup var delivery: DeliveryOptions

    func run() async throws {
        let (host, port) = try Self.address(listen)
        let every = try Self.seconds(tickEvery)
        let publicURL = delivery.link ?? "http://\(listen)"
        guard publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://") else {
            throw ValidationError("--public-url '\(publicURL)' must start with http:// or https://")
        }
        // Reads beside the ticker's writes: a unit's page need not wait for a
        // tick. The board is counted at most every 2 s while a tick runs.
        let rt = try runtime.runtime(.existing, readers: 4, boardSpan: 2)
        // Parsed once before the first request, and refused here if they no longer load.
        _ = try refusing { try rt.definitions() }
        if try refusing({ try rt.accounts() }).isEmpty {
            printError("warning: no accounts yet, so nobody can log in: 'duban user add NAME --office' adds the first")
        }
        let fixed = runtime.now != nil ? try runtime.instant() : nil
        let clock: @Sendable () -> Instant = { fixed ?? Instant(seconds: Int64(Date().timeIntervalSince1970)) }
        var config = ServerConfig(host: host, port: port, publicURL: publicURL, tickEvery: every)
        config.deliveryLimit = max(1, delivery.limit)
        try await DubanServer.run(runtime: rt, config: config, sender: try delivery.sender(),
                                  backoff: Backoff(maxAttempts: max(1, delivery.maxAttempts)), clock: clock)
    }

    static func address(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
            throw ValidationError("--listen '\(text)' must be HOST:PORT, e.g. 127.0.0.1:8080")
        }
        return (String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port)
    }

    static func seconds(_ text: String) throws -> Int {
        let digits = text.hasSuffix("s") ? String(text.dropLast()) : text
        guard let n = Int(digits), n >= 0 else { throw ValidationError("--tick-every '\(text)' must be seconds, e.g. 60s (0: no ticker)") }
        return n
    }
}
