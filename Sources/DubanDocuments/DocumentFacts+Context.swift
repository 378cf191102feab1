import DubanModel

extension DocumentFacts {
    /// The template variables (listed in docs/documents.md). Empty values are left
    /// out, so `{{#deadline}}…{{/deadline}}` shows only what is known.
    public func templateContext() -> [String: Any] {
        var c: [String: Any] = [:]
        for (name, value) in values {
            if let text = format(value) { c[name] = text }
            if case .list(let items) = value { c[name + "_list"] = items.compactMap { format($0).map { ["name": $0] } } }
            // `{{#source_is.media}}媒体曝光{{/source_is.media}}`: a coded value in words.
            if case .text(let code) = value, !code.isEmpty { c[name + "_is"] = [code: true] }
        }
        if let title = matterTitle { c["matter_title"] = title }
        if let assigned { c["assigned"] = DateText.long(assigned, language) }
        c["number"] = number
        c["date"] = DateText.long(issued.day, language)
        c["year"] = issued.day.year
        c["issuer"] = issuer
        c["kind_title"] = settings.kind(kind).title(language)
        c["workflow"] = ["id": workflowID, "title": workflowTitle]
        c["instance"] = instance
        c["state"] = stateTitle
        if let office = units?.office { c["office"] = unitObject(office.id) } else { c["office"] = ["name": issuer] }
        if let unit { c["unit"] = unitObject(unit) }
        if let to { c["to"] = unitObject(to) }
        c["cc"] = copies.map { unitObject($0) }
        if let e = escalation {
            var esc: [String: Any] = ["policy": e.policy, "step": e.step, "since": DateText.long(e.since, language)]
            if let clause = e.clause, !clause.isEmpty { esc["clause"] = clause }
            if e.workdaysOverdue > 0 { esc["workdays_overdue"] = e.workdaysOverdue }
            c["escalation"] = esc
        }
        c["ledger"] = ledger.map { entry -> [String: Any] in
            var row: [String: Any] = ["date": DateText.long(zone.local(entry.time).day, language), "kind": entry.kind.rawValue,
                                      "kind_title": LedgerText.title(entry.kind, language)]
            row["clause"] = entry.clause ?? ""
            return row
        }
        c["has_ledger"] = !ledger.isEmpty
        var events: [String: [[String: Any]]] = [:]
        for e in self.events {
            var row: [String: Any] = ["date": DateText.long(zone.local(e.time).day, language), "actor": unitName(e.actor)]
            row["n"] = (events[e.name]?.count ?? 0) + 1
            for (k, v) in e.payload {
                if let t = format(v) { row[k] = t }
                if case .text(let t) = v, !t.isEmpty {
                    row[k + "_sentence"] = Self.sentence(t, language)
                    row[k + "_bare"] = Self.bare(t)
                }
                if case .unit(let u) = v { row[k + "_person"] = unitObject(u)["person"] }
            }
            events[e.name, default: []].append(row)
        }
        c["events"] = events
        c["events_any"] = events.mapValues { !$0.isEmpty }
        // Minutes: those who attended are the invited less those excused.
        if case .list(let invited)? = values["attendees"] {
            let absent = Set(self.events.filter { $0.name == "absent" }.compactMap { e -> String? in
                if case .unit(let u)? = e.payload["unit"] { return u }
                if case .text(let u)? = e.payload["unit"] { return u }
                return nil
            })
            let present = invited.filter { if case .unit(let u) = $0 { return !absent.contains(u) }; return true }
            if let text = format(.list(present)) { c["present"] = text }
            c["present_people"] = people(present)
            // …and those present who gave no pledge are named.
            let pledged = Set(self.events.filter { $0.name == "pledge" }.compactMap { e -> String? in
                if case .unit(let u)? = e.payload["unit"] { return u }
                return nil
            })
            let silent = present.filter { if case .unit(let u) = $0 { return !pledged.contains(u) }; return false }
            if let text = format(.list(silent)) { c["silent"] = text }
        }
        if case .list(let nonvoting)? = values["nonvoting"] { c["nonvoting_people"] = people(nonvoting) }
        var children: [String: [[String: Any]]] = [:]
        for m in self.children { children[m.workflow, default: []].append(matterObject(m)) }
        c["children"] = children
        let grouped = Dictionary(grouping: findings) { $0.unit ?? "" }
        c["findings"] = grouped.keys.sorted { unitOrder($0) < unitOrder($1) }.map { u -> [String: Any] in
            ["unit": unitName(u), "count": grouped[u]!.count, "matters": numbered(grouped[u]!.sorted(by: Self.dueFirst))]
        }.enumerated().map { i, group in group.merging(["n": i + 1, "cn_n": Self.chineseNumber(i + 1)]) { a, _ in a } }
        // The subject unit's own overdue matters: what an interview or a referral is about.
        let own = findings.filter { $0.unit != nil && $0.unit == unit }.sorted(by: Self.dueFirst)
        c["unit_matters"] = numbered(own)
        c["has_unit_matters"] = !own.isEmpty
        c["registered"] = numbered(registered.sorted { unitOrder($0.unit ?? "") < unitOrder($1.unit ?? "") })
        c["has_registered"] = !registered.isEmpty
        // Numbered after the units' findings, as one more part of 存在问题.
        c["registered_cn_n"] = Self.chineseNumber(grouped.count + 1)
        c["registered_count"] = registered.count
        c["ranking"] = rankingRows()
        c["has_ranked"] = ranking.contains { $0.due > 0 }
        if let period { c["period"] = period }
        if let periodEnd { c["period_end"] = DateText.long(periodEnd, language) }
        return c
    }

    /// A clause as a sentence: ends with 。 unless it already ends with a stop.
    static func sentence(_ text: String, _ language: DocumentLanguage) -> String {
        guard let last = text.last, !"。！？；.!?;".contains(last) else { return text }
        return text + (language == .zh ? "。" : ".")
    }

    /// A clause to go inside a sentence: without its final 。 or ；.
    static func bare(_ text: String) -> String {
        String(text.reversed().drop { "。；;.".contains($0) }.reversed())
    }

    /// 一 … 九十九, for 一、 and （一） headings.
    static func chineseNumber(_ n: Int) -> String {
        let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0, n < 100 else { return String(n) }
        if n < 10 { return digits[n] }
        return (n / 10 == 1 ? "" : digits[n / 10]) + "十" + digits[n % 10]
    }

    /// Units as the people who came for them, 、-separated; nil for none.
    func people(_ list: [Value]) -> String? {
        let names = list.compactMap { v -> String? in
            if case .unit(let u) = v { return unitObject(u)["person"] as? String }
            return format(v)
        }
        return names.isEmpty ? nil : names.joined(separator: language == .zh ? "、" : ", ")
    }

    /// The longest overdue first; then by number.
    static func dueFirst(_ a: Matter, _ b: Matter) -> Bool {
        (a.deadline ?? Day(ordinal: .max), a.id) < (b.deadline ?? Day(ordinal: .max), b.id)
    }

    /// Matters with their 序号 (1, 2, …) for a numbered list.
    func numbered(_ matters: [Matter]) -> [[String: Any]] {
        matters.enumerated().map { i, m in matterObject(m).merging(["n": i + 1]) { a, _ in a } }
    }

    /// Ranked units share a rank when they stand equal (并列: 1, 1, 3); a unit
    /// with nothing due is not ranked and reads "—".
    func rankingRows() -> [[String: Any]] {
        let dash = "—"
        let places = Dictionary(self.places.map { ($0.unit, $0.place) }) { a, _ in a }
        return ranking.map { r in
            var row: [String: Any] = ["unit": unitName(r.unit), "due": r.due, "closed": r.closed, "late": r.late, "overdue": r.overdue,
                                      "late_reports": r.lateReports, "rank": dash, "rate": dash]
            if let place = places[r.unit] {
                row["rank"] = "\(place)"
                row["rate"] = percent(r.rate)
            }
            return row
        }
    }

    /// Units in the order of units.yaml, others after.
    func unitOrder(_ id: String) -> (Int, String) {
        (units?.units.firstIndex { $0.id == id } ?? Int.max, id)
    }

    func percent(_ rate: Double) -> String {
        let tenths = Int((rate * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    func unitObject(_ id: String) -> [String: Any] {
        var o: [String: Any] = ["id": id, "name": unitName(id)]
        let record = units?.addressee(id)
        if let head = record?.head {
            o["head"] = head.name
            if let t = head.title { o["head_title"] = t }
            // 出席 names people: 区公安分局局长钱志强.
            o["person"] = language == .zh ? unitName(id) + (head.title ?? "") + head.name
                : head.name + " (" + [head.title, unitName(id)].compactMap { $0 }.joined(separator: ", ") + ")"
        } else {
            o["person"] = unitName(id)
        }
        if let rank = record?.rank { o["rank"] = rank }
        if let contact = record?.contact {
            o["contact"] = contact.name
            if let p = contact.phone { o["contact_phone"] = p }
        }
        return o
    }

    func matterObject(_ m: Matter) -> [String: Any] {
        var o: [String: Any] = ["id": m.id, "title": m.title, "state": m.stateTitle]
        for (k, v) in m.values { if o[k] == nil, let t = format(v) { o[k] = t } }
        if let u = m.unit { o["unit"] = unitName(u) }
        if let d = m.deadline { o["deadline"] = DateText.long(d, language) }
        if m.workdaysOverdue > 0 { o["workdays_overdue"] = m.workdaysOverdue }
        return o
    }

    /// A value as a document writes it; nil for nothing to show.
    func format(_ value: Value) -> String? {
        switch value {
        case .null: return nil
        case .text(let s): return s.isEmpty ? nil : s
        case .bool(let b): return language == .zh ? (b ? "是" : "否") : (b ? "yes" : "no")
        case .int(let i): return String(i)
        case .date(let d): return DateText.long(d, language)
        case .datetime(let t): return DateText.dateTime(zone.local(t), language)
        case .duration(let d): return d.description
        case .unit(let u): return unitName(u)
        case .list(let items):
            let parts = items.compactMap(format)
            return parts.isEmpty ? nil : parts.joined(separator: language == .zh ? "、" : ", ")
        }
    }
}

/// How a ledger entry reads in a document.
public enum LedgerText {
    public static func title(_ kind: LedgerKind, _ language: DocumentLanguage) -> String {
        switch (kind, language) {
        case (.strike, .zh): return "通报批评（记录在案）"
        case (.criticism, .zh): return "通报批评"
        case (.interview, .zh): return "约谈"
        case (.referral, .zh): return "移送问责"
        case (.lateReport, .zh): return "迟报"
        case (.missedReport, .zh): return "未报"
        case (.bottomRank, .zh): return "月度排名靠后"
        case (.decision, .zh): return "问责处理决定"
        case (.strike, .en): return "Strike (public criticism)"
        case (.criticism, .en): return "Criticism"
        case (.interview, .en): return "Interview"
        case (.referral, .en): return "Referral"
        case (.lateReport, .en): return "Late report"
        case (.missedReport, .en): return "Missed report"
        case (.bottomRank, .en): return "Ranked at the bottom"
        case (.decision, .en): return "Decision on a referral"
        }
    }
}
