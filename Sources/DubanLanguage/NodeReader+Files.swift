import DubanModel
import DubanYAML

extension NodeReader {
    mutating func policy(_ root: Node) -> PolicyDefinition? {
        guard let f = fields(root, Shape.named("policy"), "the policy") else { return nil }
        var steps: [EscalationStep] = []
        for item in list(f["steps"], "steps") {
            guard let s = fields(item, Shape.named("step"), "a step"), let name = text(s["name"], "name"),
                  let after = duration(s["after"], "after") else { continue }
            if steps.contains(where: { $0.name == name }) { error("two steps are named '\(name)'", at: s["name"]!.mark) }
            if after.amount < 0 { error("'after' counts from entering the escalating state and cannot be negative", at: s["after"]!.mark) }
            var repeats: EscalationStep.Repeat?
            if let r = s["repeat"], let rf = fields(r, Shape.named("step").field("repeat"), "repeat"),
               let every = duration(rf["every"], "every"), let cap = int(rf["at_most"], "at_most") {
                if every.amount <= 0 { error("'every' must be longer than nothing", at: rf["every"]!.mark) }
                if cap < 2 { error("'at_most' counts the times in all: 2 or more (1 is a step that does not repeat)", at: rf["at_most"]!.mark) }
                repeats = .init(every: every, cap: cap)
            }
            steps.append(EscalationStep(
                name: name, after: after, actions: actions(s["do"], "do"),
                ledger: s["ledger"].flatMap { choice($0, "ledger", as: LedgerKind.self) },
                clause: s["clause"].flatMap { text($0, "clause") }, unless: expression(s["unless"], "unless"),
                level: s["level"].flatMap { choice($0, "level", as: OrderLevel.self) }, reply: s["reply"].flatMap { duration($0, "reply") },
                repeats: repeats, waivedIfReported: s["waived_if_reported"].flatMap { bool($0, "waived_if_reported") } ?? false,
                mark: item.mark))
        }
        if f["steps"] != nil, steps.isEmpty, f["steps"]?.sequence?.isEmpty == true {
            error("a policy needs at least one step", at: f["steps"]!.mark)
        }
        var rules: [RepeatRule] = []
        for item in list(f["repeat_offence"], "repeat_offence") {
            guard let r = fields(item, Shape.named("repeat_rule"), "a repeat_offence rule"),
                  let condition = expression(r["if"], "the condition"), let start = text(r["start_at"], "start_at") else { continue }
            if !steps.isEmpty, !steps.contains(where: { $0.name == start }) {
                error("start_at '\(start)' is not a step of this policy\(suggestion(start, steps.map(\.name))); the steps are \(steps.map(\.name).joined(separator: ", "))", at: r["start_at"]!.mark)
            }
            rules.append(RepeatRule(condition: condition, startAt: start, mark: item.mark))
        }
        var interviewers: [Interviewer] = []
        for item in list(f["interviewers"], "interviewers") {
            guard let i = fields(item, Shape.named("interviewer"), "an interviewer"), let by = text(i["by"], "by") else { continue }
            let rank = i["rank"].flatMap { text($0, "rank") }
            if interviewers.contains(where: { $0.rank == rank }) {
                error(rank.map { "two interviewers are given for rank '\($0)'" } ?? "two interviewers are given without a rank", at: item.mark)
            }
            interviewers.append(Interviewer(rank: rank, by: by))
        }
        let ranking = f["ranking"].flatMap { rankingLadder($0) }
        if f["steps"] == nil, f["ranking"] == nil {
            error("a policy needs 'steps:' (the ladder of a late matter), 'ranking:' (the ladder of the monthly ranking), or both",
                  at: root.mark)
        }
        guard let id = name(f["policy"], "the policy id") else { return nil }
        return PolicyDefinition(id: id, title: f["title"].flatMap { text($0, "title") } ?? id, steps: steps,
                                repeatOffence: rules, interviewers: interviewers, ranking: ranking, file: file, mark: root.mark)
    }

    mutating func rankingLadder(_ node: Node) -> RankingLadder? {
        guard let f = fields(node, Shape.named("ranking"), "the ranking ladder") else { return nil }
        let bottom = f["bottom"].flatMap { int($0, "bottom") } ?? 1
        if bottom < 1 { error("'bottom' counts places from the bottom: 1 (the last) or more", at: f["bottom"]!.mark) }
        var rungs: [RankingRung] = []
        for item in list(f["rungs"], "rungs") {
            guard let r = fields(item, Shape.named("rung"), "a rung"), let name = text(r["name"], "name"),
                  let condition = expression(r["if"], "if") else { continue }
            if rungs.contains(where: { $0.name == name }) { error("two rungs are named '\(name)'", at: r["name"]!.mark) }
            rungs.append(RankingRung(name: name, condition: condition, actions: actions(r["do"], "do"),
                                     ledger: r["ledger"].flatMap { choice($0, "ledger", as: LedgerKind.self) },
                                     clause: r["clause"].flatMap { text($0, "clause") }, mark: item.mark))
        }
        if rungs.isEmpty, f["rungs"] != nil { error("a ranking ladder needs at least one rung", at: f["rungs"]!.mark) }
        return RankingLadder(bottom: max(bottom, 1), rungs: rungs, mark: node.mark)
    }

    mutating func units(_ root: Node) -> UnitDirectory? {
        guard let f = fields(root, Shape.named("units"), "the units file") else { return nil }
        var units: [UnitRecord] = []
        var seen: [String: Mark] = [:]
        for item in list(f["units"], "units") {
            guard let u = unit(item) else { continue }
            if let first = seen[u.id] {
                error("unit '\(u.id)' is listed twice (first at line \(first.line))", at: u.mark)
                continue
            }
            if u.id == "office" { error("'office' is reserved for the office itself: give it under 'office:'", at: u.mark) }
            seen[u.id] = u.mark
            units.append(u)
        }
        var directory = UnitDirectory(office: f["office"].flatMap { unit($0) }, units: units, file: file)
        for item in list(f["bodies"], "bodies") {
            guard let b = fields(item, Shape.named("body"), "a body"), let id = name(b["id"], "id"),
                  let name = text(b["name"], "name") else { continue }
            if let first = seen[id] {
                error("'\(id)' is already a unit (line \(first.line)): give the body another id", at: item.mark)
                continue
            }
            if id == "office" { error("'office' is reserved for the office itself", at: item.mark) }
            seen[id] = item.mark
            directory.bodies.append(UnitRecord(id: id, name: name, channels: [], mark: item.mark))
        }
        directory.smtp = f["smtp"].flatMap { smtp($0) }
        directory.quietHours = f["quiet_hours"].flatMap { bool($0, "quiet_hours") } ?? true
        directory.defaultChannels = list(f["channels"], "channels").compactMap { channel($0) }
        let emails = ([directory.office].compactMap { $0 } + units).flatMap(\.channels) + directory.defaultChannels
        if directory.smtp == nil, let email = emails.first(where: { $0.kind == .email }) {
            error("an email channel needs the mail server: add 'smtp: { host: …, from: … }' at the top of this file", at: email.mark ?? Mark(line: 1, column: 1))
        }
        return directory
    }

    mutating func unit(_ node: Node) -> UnitRecord? {
        guard let f = fields(node, Shape.named("unit"), "a unit"), let id = name(f["id"], "id"), let name = text(f["name"], "name") else { return nil }
        let channels = list(f["channels"], "channels").compactMap { channel($0) }
        var unit = UnitRecord(id: id, name: name, head: f["head"].flatMap { person($0, "the head") },
                              contact: f["contact"].flatMap { person($0, "the contact") },
                              rank: f["rank"].flatMap { text($0, "rank") }, channels: channels, mark: node.mark)
        unit.quietHours = f["quiet_hours"].flatMap { bool($0, "quiet_hours") }
        if unit.contact == nil, id != "office" {
            warning("unit '\(id)' has no contact (联络员): reminders to unit.contact will go to the unit as a whole", at: node.mark)
        }
        return unit
    }

    mutating func person(_ node: Node, _ what: String) -> Person? {
        if node.scalar != nil { return text(node, what).map { Person(name: $0) } }
        guard let f = fields(node, Shape.named("person"), what), let n = text(f["name"], "name") else { return nil }
        return Person(name: n, title: f["title"].flatMap { text($0, "title") },
                      phone: f["phone"].flatMap { text($0, "phone") }, email: f["email"].flatMap { text($0, "email") })
    }

    mutating func calendarYear(_ root: Node) -> (name: String, year: CalendarYear)? {
        guard let f = fields(root, Shape.named("calendar"), "the calendar file"), let name = name(f["calendar"], "calendar"),
              let year = int(f["year"], "year") else { return nil }
        func day(_ node: Node?, _ what: String) -> Day? {
            guard let node, let s = text(node, what) else { return nil }
            guard let d = Day(iso: s) else { error("'\(s)' is not a date (YYYY-MM-DD)", at: node.mark); return nil }
            if d.year != year { warning("\(d) is not in \(year), the year of this file", at: node.mark) }
            return d
        }
        let holidayShape: Shape = { if case .list(let s)? = Shape.named("calendar").fields.first(where: { $0.name == "holidays" })?.shape { return s }; return .anything }()
        let makeupShape: Shape = { if case .list(let s)? = Shape.named("calendar").fields.first(where: { $0.name == "makeup_workdays" })?.shape { return s }; return .anything }()
        var holidays: [Day: String] = [:]
        for item in list(f["holidays"], "holidays") {
            guard let h = fields(item, holidayShape, "a holiday"), let n = text(h["name"], "name"), let from = day(h["from"], "from") else { continue }
            let to = h["to"] == nil ? from : day(h["to"], "to")
            guard let to else { continue }
            if to < from { error("the holiday '\(n)' ends before it starts", at: h["to"]!.mark); continue }
            for o in from.ordinal...to.ordinal { holidays[Day(ordinal: o)] = n }
        }
        var makeup: [Day: String] = [:]
        for item in list(f["makeup_workdays"], "makeup_workdays") {
            guard let m = fields(item, makeupShape, "a makeup workday"), let d = day(m["date"], "date"), let n = text(m["for"], "for") else { continue }
            if holidays[d] != nil { error("\(d) is both a holiday and a makeup workday", at: m["date"]!.mark) }
            if !d.isWeekend { warning("\(d) is a \(Day.weekdayNames[d.weekday]): a makeup workday is normally a weekend day", at: m["date"]!.mark) }
            makeup[d] = n
        }
        return (name, CalendarYear(year: year, holidays: holidays, makeupWorkdays: makeup, source: f["source"].flatMap { text($0, "source") }))
    }
}

extension NodeReader {
    mutating func documentSettings(_ root: Node) -> DocumentSettings? {
        guard let top = fields(root, Shape.named("documents"), "the documents file"), let node = top["documents"],
              let f = fields(node, Shape.named("documents").fields[0].shape, "documents") else { return nil }
        var s = DocumentSettings()
        s.file = file
        if let l = f["language"] {
            if let t = text(l, "language") {
                if DocumentSettings.languages.contains(t) { s.language = t } else {
                    error("language '\(t)' is not shipped\(suggestion(t, DocumentSettings.languages)); use zh-CN or en", at: l.mark)
                }
            }
        }
        s.issuer = f["issuer"].flatMap { text($0, "issuer") }
        s.masthead = f["masthead"].flatMap { text($0, "masthead") }
        s.prefix = f["prefix"].flatMap { text($0, "prefix") } ?? ""
        guard case .object(let outer, _) = Shape.named("documents").fields[0].shape,
              case .object(_, let kindShape?)? = outer.first(where: { $0.name == "kinds" })?.shape else { return s }
        if let kinds = f["kinds"] {
            for entry in namedEntries(kinds, "kinds") {
                guard let k = fields(entry.value, kindShape, "kind '\(entry.name)'") else { continue }
                s.kinds[entry.name] = DocumentSettings.KindSettings(
                    code: k["code"].flatMap { text($0, "code") }, title: k["title"].flatMap { text($0, "title") },
                    masthead: k["masthead"].flatMap { text($0, "masthead") }, mark: entry.mark)
            }
        }
        return s
    }
}

extension NodeReader {
    static let secretKeys = ["secret", "password", "token", "key", "access_token", "webhook"]

    /// One channel; its type decides which keys it needs.
    mutating func channel(_ node: Node) -> ChannelConfig? {
        for pair in node.mapping ?? [] {
            guard let key = pair.key.text, Self.secretKeys.contains(key) else { continue }
            error("'\(key)' would put a secret in this file: store it in an environment variable (or the secrets file) and name it here, e.g. secret_env: WECOM_SECRET or url_env: WECOM_URL", at: pair.key.mark)
            return nil
        }
        guard let f = fields(node, Shape.named("channel"), "a channel"),
              let kind = choice(f["type"], "type", as: ChannelConfig.Kind.self) else { return nil }
        var c = ChannelConfig(kind: kind, url: f["url"].flatMap { text($0, "url") }, urlEnv: f["url_env"].flatMap { text($0, "url_env") },
                              secretEnv: f["secret_env"].flatMap { text($0, "secret_env") }, path: f["path"].flatMap { text($0, "path") },
                              mark: node.mark)
        c.quietHours = f["quiet_hours"].flatMap { bool($0, "quiet_hours") } ?? true
        if let to = f["to"] {
            c.to = to.sequence != nil ? list(to, "to").compactMap { text($0, "an address") } : text(to, "to").map { [$0] } ?? []
            for (i, address) in c.to.enumerated() where !address.contains("@") {
                error("'\(address)' is not an email address", at: (to.sequence?[i] ?? to).mark)
            }
        }
        func need(_ keys: [String], _ what: String) {
            if !keys.contains(where: { f[$0] != nil }) { error("a \(kind.rawValue) channel needs \(what)", at: f["type"]!.mark) }
        }
        func refuse(_ keys: [String]) {
            for k in keys { if let n = f[k] { error("'\(k)' does not apply to a \(kind.rawValue) channel", at: n.mark) } }
        }
        switch kind {
        case .console: refuse(["url", "url_env", "secret_env", "path", "to"])
        case .jsonl: need(["path"], "'path', the file to append to"); refuse(["url", "url_env", "secret_env", "to"])
        case .webhook: need(["url", "url_env"], "'url' or 'url_env'"); refuse(["path", "to"])
        case .wecom, .dingtalk, .feishu:
            need(["url_env"], "'url_env': the environment variable holding the robot's URL (it carries the access token)")
            refuse(["url", "path", "to"])
            if kind == .wecom { refuse(["secret_env"]) }
        case .email: need(["to"], "'to', the address(es)"); refuse(["url", "url_env", "secret_env", "path"])
        }
        return c
    }

    mutating func smtp(_ node: Node) -> SMTPSettings? {
        guard let f = fields(node, Shape.named("smtp"), "smtp"), let host = text(f["host"], "host"), let from = text(f["from"], "from") else { return nil }
        if !from.contains("@") { error("'\(from)' is not an email address", at: f["from"]!.mark) }
        if (f["user_env"] == nil) != (f["password_env"] == nil) {
            error("give both user_env and password_env to log in, or neither", at: node.mark)
        }
        return SMTPSettings(host: host, port: f["port"].flatMap { int($0, "port") } ?? 587, from: from,
                            fromName: f["from_name"].flatMap { text($0, "from_name") }, userEnv: f["user_env"].flatMap { text($0, "user_env") },
                            passwordEnv: f["password_env"].flatMap { text($0, "password_env") },
                            starttls: f["starttls"].flatMap { bool($0, "starttls") } ?? true, caFile: f["ca_file"].flatMap { text($0, "ca_file") })
    }
}
