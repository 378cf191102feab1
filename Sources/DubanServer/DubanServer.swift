import DubanChannels
import DubanModel
import DubanRuntime
import Hummingbird
import Logging

/// `duban serve`: the API, the link pages and the in-process ticker on one
/// runtime, until SIGTERM or SIGINT.
public enum DubanServer {
    public static func run(runtime: Runtime, config: ServerConfig, sender: ChannelSender, backoff: Backoff,
                           clock: @escaping @Sendable () -> Instant) async throws {
        let logger = {
            var l = Logger(label: "duban")
            l.logLevel = .info
            return l
        }()
        let metrics = Metrics(), shutdown = ShutdownFlag()
        let trail = TrailClock(runtime: runtime, base: clock)
        await trail.refresh()
        let api = API(runtime: runtime, config: config, wallClock: clock, metrics: metrics, shutdown: shutdown, trail: trail)
        let ticker = Ticker(runtime: runtime, every: config.tickEvery, clock: api.clock, sender: sender, backoff: backoff,
                            deliveryLimit: config.deliveryLimit, publicURL: config.publicURL,
                            metrics: metrics, shutdown: shutdown, logger: logger)
        let app = Application(
            router: api.routes(),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "duban"),
            // Shut down in reverse: the server, then the ticker (its batch in hand), then the clock it reads.
            services: [trail, ticker],
            onServerRunning: { channel in
                logger.info("listening on \(channel.localAddress.map { "\($0)" } ?? "?"); links point at \(config.publicURL)")
            },
            logger: logger
        )
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
