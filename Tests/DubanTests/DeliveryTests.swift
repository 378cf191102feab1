import DubanChannels
import DubanLanguage
import DubanModel
import Foundation
import Testing

@Suite("Delivery") struct DeliveryTests {
    /// Three messages to a webhook that fails its first two requests: after the backoff each arrives exactly once, signed, with the key it first carried.
    @Test(arguments: StoreKind.available) func webhookRetries(_ store: StoreKind) throws {
        let probe = try TempDatabase(store)
        let hook = try OracleServer("http_receiver", in: probe.dir, ["--fail", "2", "--secret", "s3cret"])
        let p = try DeliveryProject(units: DeliveryProject.chengguan(#"{ type: webhook, url: "http://127.0.0.1:\#(hook.port)/hook", secret_env: HOOK_SECRET }"#))
        let env = ["HOOK_SECRET": "s3cret"]
        #expect(try p.duban(["deploy", "--now", "2026-04-01T09:00"]).status == 0)
        _ = try p.duban(["start", "rectification", "--input", "unit=chengguan", "--input", "problem=占道经营", "--input", "deadline=2026-04-10", "--now", "2026-04-01T09:00"])
        let tick = try p.duban(["tick", "--deliver", "--now", "2026-04-03T09:30"], env: env)
        #expect(tick.stdout.contains("delivered 1 message, 2 to retry, 0 dead-lettered"), "\(tick.stdout)\(tick.stderr)")
        #expect(tick.stderr.contains("webhook 127.0.0.1 answered HTTP 500") && !tick.stderr.contains("/hook"))   // the host, not the URL
        #expect(try p.duban(["deliver", "--now", "2026-04-03T09:30"], env: env).stdout.contains("delivered 0 messages, 0 to retry"))   // backing off
        #expect(try p.duban(["deliver", "--now", "2026-04-03T09:45"], env: env).stdout.contains("delivered 2 messages, 0 to retry"))
        let records = hook.records
        #expect(records.count == 5)
        #expect(records.allSatisfy { $0["signature_ok"] as? Bool == true })
        let accepted = records.filter { $0["status"] as? Int == 200 }.map { ($0["body"] as? [String: Any])?["idempotency_key"] as? String ?? "" }
        let refused = records.filter { $0["status"] as? Int == 500 }.map { ($0["body"] as? [String: Any])?["idempotency_key"] as? String ?? "" }
        #expect(accepted.count == 3 && Set(accepted).count == 3)
        #expect(Set(refused).isSubset(of: Set(accepted)))
        let texts = records.compactMap { ($0["body"] as? [String: Any])?["subject"] as? String }
        #expect(texts.contains("【交办】区城市管理委员会：占道经营") && texts.contains("【催办】区城市管理委员会：占道经营"))
    }

    /// Killed after the receiver got a message but before recording it, the
    /// message stays leased to the dead sender for a while (60 s and twice the
    /// timeout); then the next run sends the same idempotency key again, not a new message.
    @Test(arguments: StoreKind.available) func crashBetweenSendAndAcknowledgement(_ store: StoreKind) throws {
        let probe = try TempDatabase(store)
        let hook = try OracleServer("http_receiver", in: probe.dir, ["--hang-first"])
        let p = try DeliveryProject.withMatter(DeliveryProject.chengguan(#"{ type: webhook, url: "http://127.0.0.1:\#(hook.port)/hook" }"#))
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["deliver", "--timeout", "30", "--now", "2026-04-01T09:05", "--db", p.db.path]
        process.currentDirectoryURL = p.dir
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<200 where hook.records.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(hook.records.count == 1)
        let held = try p.duban(["deliver", "--now", "2026-04-01T09:06"])
        #expect(held.stdout.contains("delivered 0 messages"), "\(held.stdout)\(held.stderr)")
        let again = try p.duban(["deliver", "--now", "2026-04-01T09:08"])
        #expect(again.stdout.contains("delivered 1 message"), "\(again.stdout)\(again.stderr)")
        let keys = hook.records.map { ($0["headers"] as? [String: Any])?["Idempotency-Key"] as? String }
        #expect(keys.count == 2 && keys[0] != nil && keys[0] == keys[1])
    }

    /// A 307 is a failure naming where it points, and it is not followed:
    /// the receiver sees one request, and the message waits for its retry.
    @Test(arguments: StoreKind.available) func redirectNotFollowed(_ store: StoreKind) throws {
        let probe = try TempDatabase(store)
        let hook = try OracleServer("http_receiver", in: probe.dir, ["--redirect", "http://127.0.0.1:9/elsewhere"])
        let p = try DeliveryProject.withMatter(DeliveryProject.chengguan(#"{ type: webhook, url: "http://127.0.0.1:\#(hook.port)/hook" }"#))
        let r = try p.duban(["deliver", "--now", "2026-04-01T09:05"])
        #expect(r.stdout.contains("delivered 0 messages, 1 to retry"), "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("answered HTTP 307, a redirect to http://127.0.0.1:9/elsewhere"))
        #expect(hook.records.map { $0["path"] as? String } == ["/hook"])
    }

    /// An endpoint that streams a gigabyte in answer costs a few kilobytes:
    /// the answer is read no further than a log needs.
    @Test(arguments: StoreKind.available) func hugeAnswerNotRead(_ store: StoreKind) throws {
        let probe = try TempDatabase(store)
        let hook = try OracleServer("http_receiver", in: probe.dir, ["--stream-mb", "1024"])
        let p = try DeliveryProject.withMatter(DeliveryProject.chengguan(#"{ type: webhook, url: "http://127.0.0.1:\#(hook.port)/hook" }"#))
        // GNU time reports the run's own peak memory, in KB.
        let peak = probe.dir.appendingPathComponent("peak")
        let r = try Binary.run(["deliver", "--now", "2026-04-01T09:05", "--db", p.db.path], in: p.dir,
                               through: ["/usr/bin/time", "-f", "%M", "-o", peak.path])
        #expect(r.stdout.contains("delivered 1 message"), "\(r.stdout)\(r.stderr)")
        let kb = Int(try String(contentsOf: peak, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max
        #expect(kb < 200 * 1024, "duban deliver peaked at \(kb / 1024) MB")
    }

    /// An endpoint that never answers costs one --timeout, then the message waits for its retry.
    @Test(arguments: StoreKind.available) func deadEndpointDoesNotStall(_ store: StoreKind) throws {
        let probe = try TempDatabase(store)
        let hook = try OracleServer("http_receiver", in: probe.dir, ["--hang-first"])
        let p = try DeliveryProject.withMatter(DeliveryProject.chengguan(#"{ type: webhook, url: "http://127.0.0.1:\#(hook.port)/hook" }"#))
        let started = Date()
        let r = try p.duban(["deliver", "--timeout", "1", "--now", "2026-04-01T09:05"])
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(r.stdout.contains("delivered 0 messages, 1 to retry") && r.stderr.contains("timed out"), "\(r.stdout)\(r.stderr)")
    }

    /// After --max-attempts failures a message is dead-lettered; outbox retry queues it again.
    @Test(arguments: StoreKind.available) func deadLetterAndRetry(_ store: StoreKind) throws {
        let probe = try TempDatabase(store)
        let hook = try OracleServer("http_receiver", in: probe.dir, ["--fail", "100"])
        let p = try DeliveryProject.withMatter(DeliveryProject.chengguan(#"{ type: webhook, url: "http://127.0.0.1:\#(hook.port)/hook" }"#))
        _ = try p.duban(["deliver", "--max-attempts", "2", "--now", "2026-04-01T09:05"])
        #expect(try p.duban(["deliver", "--max-attempts", "2", "--now", "2026-04-01T10:05"]).stdout.contains("1 dead-lettered"))
        let outbox = try p.duban(["outbox"])
        #expect(outbox.stdout.contains(" dead ") && outbox.stderr.contains("then 'duban outbox retry 1'"))
        #expect(try p.duban(["outbox", "retry", "1"]).stdout.contains("message 1 to chengguan is queued again"))
        #expect(try p.duban(["outbox", "retry", "9"]).status == 65)
        #expect(try p.duban(["deliver", "--now", "2026-04-01T10:06"]).stdout.contains("1 to retry"))
        #expect(hook.records.count == 3)
    }

    /// Email reaches an SMTP sink through STARTTLS and AUTH, with the Chinese subject and text intact.
    @Test(arguments: StoreKind.available) func email(_ store: StoreKind) throws {
        let probe = try TempDatabase(store)
        let cert = probe.dir.appendingPathComponent("cert.pem"), key = probe.dir.appendingPathComponent("key.pem")
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", cert.path, "-days", "2",
                             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        let sink = try OracleServer("smtp_sink", in: probe.dir, ["--cert", cert.path, "--key", key.path, "--user", "duban", "--password", "pw"])
        let smtp = "smtp: { host: 127.0.0.1, port: \(sink.port), from: duban@example.cn, from_name: 区创城办, user_env: SMTP_USER, password_env: SMTP_PASSWORD, ca_file: \(cert.path) }\n"
        let p = try DeliveryProject(units: DeliveryProject.chengguan("{ type: email, to: sunhao@example.cn }", top: smtp))
        _ = try p.duban(["deploy", "--now", "2026-04-01T09:00"])
        _ = try p.duban(["start", "rectification", "--input", "unit=chengguan", "--input", "problem=占道经营", "--now", "2026-04-01T09:00"])
        let wrong = try p.duban(["deliver", "--now", "2026-04-01T09:05"], env: ["SMTP_USER": "duban", "SMTP_PASSWORD": "nope"])
        #expect(wrong.stdout.contains("1 to retry") && !wrong.stderr.contains("nope"), "\(wrong.stderr)")
        let right = try p.duban(["deliver", "--now", "2026-04-01T09:10"], env: ["SMTP_USER": "duban", "SMTP_PASSWORD": "pw"])
        #expect(right.stdout.contains("delivered 1 message"), "\(right.stdout)\(right.stderr)")
        let mail = try #require(sink.records.first)
        #expect(sink.records.count == 1 && mail["tls"] as? Bool == true && mail["authenticated"] as? Bool == true)
        #expect(mail["subject"] as? String == "【交办】区城市管理委员会：占道经营")
        #expect((mail["text"] as? String)?.contains("孙浩同志：区创建全国文明城区工作指挥部办公室向你单位交办问题整改事项“占道经营”") == true)
        #expect(mail["to"] as? [String] == ["sunhao@example.cn"])
    }

    /// A JSON-lines channel appends one line a delivery, flushed, and a second run adds nothing.
    @Test(arguments: StoreKind.available) func jsonLines(_ store: StoreKind) throws {
        let probe = try TempDatabase(store)
        let file = probe.dir.appendingPathComponent("messages.jsonl")
        let p = try DeliveryProject.withMatter(DeliveryProject.chengguan("{ type: jsonl, path: \(file.path) }, { type: console }"))
        let r = try p.duban(["tick", "--deliver", "--now", "2026-04-03T09:30"])
        #expect(r.stdout.contains("→ 区城市管理委员会 赵立新: 【催办】"))   // the console channel, to the head
        _ = try p.duban(["deliver", "--now", "2026-04-03T10:30"])
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        let keys = lines.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["idempotency_key"] as? String }
        #expect(keys == ["1/1/1#0.jsonl", "1/2/0#0.jsonl", "1/3/0#0.jsonl"])
    }

    /// Quiet hours: a reminder a timer queues at 20:00 waits for 09:00 the next workday, on time in the
    /// audit trail; a unit that opts out gets it at once.
    @Test(arguments: StoreKind.available) func quietHours(_ store: StoreKind) throws {
        for quiet in [true, false] {
            let p = try DeliveryProject(units: quiet ? { $0 } : { $0.replacingOccurrences(of: "units:\n", with: "quiet_hours: false\nunits:\n") })
            _ = try p.duban(["deploy", "--now", "2026-04-01T09:00"])
            _ = try p.duban(["start", "rectification", "--input", "unit=chengguan", "--input", "problem=占道经营", "--now", "2026-04-01T20:00"])
            _ = try p.duban(["tick", "--now", "2026-04-02T21:00"])
            let outbox = try p.duban(["outbox"]).stdout
            #expect(outbox.contains("held until 2026-04-03 09:00") == quiet, "\(outbox)")
            let night = try p.duban(["deliver", "--now", "2026-04-02T21:05"]).stdout
            #expect(night.contains("【交办】") && night.contains("【催办】") != quiet)
            let morning = try p.duban(["deliver", "--now", "2026-04-03T09:00"]).stdout
            #expect(morning.contains("【催办】") == quiet)
            let history = try p.duban(["show", "1"]).stdout
            #expect(history.contains("2026-04-02 20:00") && history.contains("held until 2026-04-03T09:00") == quiet, "\(history)")
        }
    }

    /// Three `duban deliver` runs at once over 300 queued messages: each
    /// reaches the JSON-lines channel exactly once, since a sender leases a
    /// message in the database before its network call.
    @Test(arguments: StoreKind.available) func overlappingDeliveries(_ store: StoreKind) throws {
        let probe = try TempDatabase(store)
        let file = probe.dir.appendingPathComponent("messages.jsonl")
        let p = try DeliveryProject(units: DeliveryProject.chengguan("{ type: jsonl, path: \(file.path) }"))
        #expect(try p.duban(["deploy", "--now", "2026-04-01T09:00"]).status == 0)
        let csv = p.dir.appendingPathComponent("rows.csv")
        try ("unit,problem\n" + String(repeating: "chengguan,占道经营\n", count: 300)).write(to: csv, atomically: false, encoding: .utf8)
        #expect(try p.duban(["start", "rectification", "--inputs", csv.path, "--now", "2026-04-01T09:00"]).status == 0)
        let queued = try p.db.count("SELECT count(*) FROM outbox WHERE unit = 'chengguan'")
        #expect(queued >= 300)
        let statuses = Statuses()
        let (db, dir) = (p.db.path, p.dir)
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            let run = try? Binary.run(["deliver", "--now", "2026-04-01T09:05", "--db", db], in: dir)
            statuses.add(run?.status ?? -1)
        }
        #expect(statuses.all == [0, 0, 0])
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        let keys = lines.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["idempotency_key"] as? String }
        #expect(lines.count == queued && Set(keys).count == queued)
        #expect(try p.db.count("SELECT count(*) FROM outbox WHERE status <> 'sent' OR lease_until IS NOT NULL") == 0)
    }

    /// Malformed channel settings are refused by validate with file, line and column; secrets in the file are refused outright.
    @Test func badChannels() throws {
        let p = try DeliveryProject(units: DeliveryProject.chengguan("{ type: wechat }, { type: wecom, token: abc }, { type: dingtalk }, { type: email, to: nobody }"))
        let r = try Binary.run(["validate"], in: p.dir)
        #expect(r.status == 65)
        #expect(r.stderr.contains("workflows/units.yaml:24:25: error: type 'wechat' is not one of console, jsonl, webhook, wecom"), "\(r.stderr)")
        #expect(r.stderr.contains("workflows/units.yaml:24:50: error: 'token' would put a secret in this file"))
        #expect(r.stderr.contains("error: a dingtalk channel needs 'url_env'"))
        #expect(r.stderr.contains("error: 'nobody' is not an email address"))
        #expect(r.stderr.contains("error: an email channel needs the mail server"))
    }

    /// The robots' requests: WeCom text, DingTalk's signed URL and Feishu's signed body, checked against Python's hmac.
    @Test func robotSignatures() throws {
        let message = OutgoingMessage(idempotencyKey: "1/2/0#0.dingtalk", kind: "remind", template: "reminder", unit: "chengguan",
                                      unitName: "区城管委", recipient: "孙浩", subject: "【催办】", text: "请反馈", created: at("2026-04-02T09:00"))
        let secrets = Secrets(environment: ["URL": "https://oapi.dingtalk.com/robot/send?access_token=t", "SECRET": "SEC123"])
        let now = at("2026-04-02T09:00")
        let ding = try HTTPRequest.make(message, ChannelConfig(kind: .dingtalk, urlEnv: "URL", secretEnv: "SECRET"), secrets: secrets, now: now)
        let ms = now.seconds * 1000
        let want = try python(["-c", """
            import base64, hashlib, hmac, urllib.parse
            s = "SEC123"; t = "\(ms)"
            print(urllib.parse.quote_plus(base64.b64encode(hmac.new(s.encode(), f"{t}\\n{s}".encode(), hashlib.sha256).digest())))
            """]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(ding.url == "https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=\(ms)&sign=\(want)")
        #expect(String(decoding: ding.body, as: UTF8.self) == #"{"msgtype":"text","text":{"content":"【催办】\n请反馈"}}"#)
        #expect(ding.label == "dingtalk oapi.dingtalk.com")
        let feishu = try HTTPRequest.make(message, ChannelConfig(kind: .feishu, urlEnv: "URL", secretEnv: "SECRET"), secrets: secrets, now: now)
        let body = try #require(try JSONSerialization.jsonObject(with: feishu.body) as? [String: Any])
        let sign = try python(["-c", """
            import base64, hashlib, hmac
            key = "\(now.seconds)\\nSEC123".encode()
            print(base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode())
            """]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(body["sign"] as? String == sign && body["timestamp"] as? String == String(now.seconds) && body["msg_type"] as? String == "text")
        let wecom = try HTTPRequest.make(message, ChannelConfig(kind: .wecom, urlEnv: "URL"), secrets: secrets, now: now)
        #expect(String(decoding: wecom.body, as: UTF8.self) == #"{"msgtype":"text","text":{"content":"【催办】\n请反馈"}}"#)
        #expect(throws: DeliveryError.self) { try HTTPRequest.make(message, ChannelConfig(kind: .wecom, urlEnv: "MISSING"), secrets: secrets, now: now) }
    }
}

/// Exit statuses gathered from several threads.
final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int32] = []
    func add(_ status: Int32) { lock.withLock { values.append(status) } }
    var all: [Int32] { lock.withLock { values } }
}
