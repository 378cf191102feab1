import ArgumentParser
import DubanChannels
import DubanModel
import DubanRuntime
import Foundation

/// How messages are delivered, shared by `deliver` and `tick --deliver`.
struct DeliveryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Seconds each network call may take before it counts as failed.", valueName: "S"))
    var timeout: Double = 10
    @Option(help: ArgumentHelp("Attempts before a message is dead-lettered ('duban outbox retry ID' revives it).", valueName: "N"))
    var maxAttempts: Int = 8
    @Option(help: ArgumentHelp("A file of NAME=value secrets (default: $DUBAN_SECRETS); the environment wins.", valueName: "FILE"))
    var secrets: String?
    @Option(help: ArgumentHelp("Messages per run at most.", valueName: "N"))
    var limit: Int = 500
    @Option(help: ArgumentHelp("The server's address as units reach it (default: $DUBAN_PUBLIC_URL): messages to a unit then end with a signed link to the matter.", valueName: "URL"))
    var publicURL: String?

    func deliver(_ rt: Runtime, clock: @escaping () -> Instant) throws -> DeliveryReport {
        try refusing {
            try rt.deliver(clock: clock, sender: try sender(), backoff: Backoff(maxAttempts: max(1, maxAttempts)), limit: max(1, limit),
                           publicURL: link)
        }
    }

    /// The sender, with the secrets from --secrets or the environment.
    func sender() throws -> ChannelSender {
        let env = ProcessInfo.processInfo.environment
        do {
            return ChannelSender(secrets: try Secrets.load(file: secrets ?? env["DUBAN_SECRETS"], environment: env), smtp: nil, timeout: timeout)
        } catch let error as DeliveryError {
            throw ValidationError(error.message)
        }
    }

    var link: String? { publicURL ?? ProcessInfo.processInfo.environment["DUBAN_PUBLIC_URL"] }

    static func summary(_ r: DeliveryReport) -> String {
        "delivered \(r.sent) message\(r.sent == 1 ? "" : "s"), \(r.retrying) to retry, \(r.dead) dead-lettered"
    }
}

struct DeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Send queued messages over each unit's channels, with retries.",
        discussion: """
        Each message goes to every channel of its unit in units.yaml (or the file's default \
        channels, or the console), carrying an idempotency key that stays the same on every \
        retry. A failed message waits 30 s, 1 min, 2 min… (with jitter, at most an hour) and \
        after --max-attempts is dead-lettered. Secrets come from the environment or --secrets; \
        they are never printed. From cron, after the tick:

          */5 * * * *  cd /srv/duban && duban tick --deliver >> tick.log 2>&1
        """
    )

    @OptionGroup var delivery: DeliveryOptions
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let r = try delivery.deliver(try runtime.runtime(), clock: try runtime.clock())
        for e in r.errors { printError("warning: \(e)") }
        print(DeliveryOptions.summary(r))
    }
}
