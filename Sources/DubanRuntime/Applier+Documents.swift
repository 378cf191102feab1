import DubanDocuments
import DubanEngine
import DubanModel
import DubanStore
import Foundation

extension Applier {
    /// Numbers a document and stores it as issued, in the step's transaction:
    /// the number is never reused, and a failed step leaves no gap. A
    /// document lacking a core fact is refused (nil: withheld, unnumbered).
    mutating func issueDocument(kind: String, to: String?, cc: [String], fields: [String: Value], instance: Instance,
                                _ w: WorkflowDefinition, at time: Instant, log: inout AuditDetail.Writer) throws -> String? {
        let local = w.zone.local(time)
        var facts = try gatherFacts(kind: kind, seq: 0, to: to, cc: cc, fields: fields, instance: instance, w, local: local)
        let missing = facts.missingFacts
        if !missing.isEmpty {
            let refusal = DocumentError.incomplete(kind: facts.settings.kind(kind).title(facts.language), missing: missing,
                                                   language: facts.language)
            if refusesIncomplete { throw RuntimeError.incompleteDocument(refusal.description) }
            report.warnings.append("\(instance.id): \(refusal)")
            log.effect("withheld ", kind, ": ", refusal.description)
            return nil
        }
        facts.seq = try session.nextDocumentNumber(kind: kind, year: local.day.year)
        var issued: IssuedDocument
        do {
            issued = try facts.issue(with: defs.templates)
        } catch {
            // Never stall a tick on one document: issue it with the problem as its text, and say so.
            issued = try facts.issue(with: TemplateSet(language: facts.language))
            issued.body = "**\(error)**\n\n" + issued.body
            report.warnings.append("document \(issued.number) of \(instance.id): the template failed (\(error)); the shipped one was used")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let content = String(decoding: try encoder.encode(issued), as: UTF8.self)
        try session.insert(DocumentRecord(kind: kind, year: local.day.year, number: facts.seq, instance: instance.id, unit: facts.unit,
                                          to: to, cc: cc, created: time, title: issued.title, content: content))
        // The circular establishes who ranked at the bottom (the last, or the last N of the
        // workflow's ranking ladder): that goes in the unit's ledger (bottom_rank), where
        // `unit.bottom_ranks(running)` finds it. Only units with matters due are ranked for it.
        if kind == "monthly-circular" {
            let bottom = w.rankingPolicy.flatMap { defs.project.policy($0)?.ranking?.bottom } ?? 1
            for unit in BottomRanks.units(facts.places, bottom: bottom) {
                try session.insert(LedgerEntry(unit: unit, kind: .bottomRank, time: time, clause: issued.number), instance: instance.id)
                log.effect("ledger ", unit, " bottom_rank")
            }
        }
        return issued.number
    }

    func gatherFacts(kind: String, seq: Int, to: String?, cc: [String], fields: [String: Value], instance: Instance,
                     _ w: WorkflowDefinition, local: LocalDateTime) throws -> DocumentFacts {
        let project = defs.project
        let calendar = defs.calendar(for: w)
        var values = instance.values.merging(fields) { _, new in new }
        let unit = Self.unitID(values["unit"]) ?? instance.escalation?.unit
        if values["interviewer"].flatMap(Self.text) == nil, let by = interviewer(for: unit, policy: values["policy"]) {
            values["interviewer"] = .text(by)
        }
        var facts = DocumentFacts(
            kind: kind, seq: seq, issued: local, zone: w.zone, settings: project.documents, units: project.units, to: to, cc: cc,
            unit: unit, workflowID: w.id, workflowTitle: w.title, instance: instance.id,
            stateTitle: w.state(instance.state)?.title ?? instance.state, values: values)
        facts.assigned = w.zone.local(instance.started).day
        if let progress = instance.escalation, let policy = project.policy(progress.policy) {
            let step = fields["step"].map { $0.display(in: w.zone) } ?? ""
            let clause = fields["clause"].map { $0.display(in: w.zone) }
            facts.escalation = .init(policy: policy.title, step: step, clause: clause, since: w.zone.local(instance.entered).day,
                                     workdaysOverdue: overdue(values, since: instance.entered, calendar: calendar, today: local.day, zone: w.zone))
        }
        // Read only what the template can show: findings and rankings scan the campaign.
        let template = defs.templates.source(kind)?.text ?? ""
        let uses = { (name: String) in template.contains(name) }
        if let unit, uses("ledger") { facts.ledger = try session.ledger(units: [unit]) }
        if uses("events") || uses("present") {
            facts.events = try session.auditRecords(instance: instance.id).compactMap { Self.recordedEvent($0, w) }
        }
        if uses("children") { facts.children = try session.instances(InstanceFilter(parent: instance.id)).compactMap { matter($0, today: local.day) } }
        if uses("ranking") || kind == "monthly-circular" {
            // A circular issued early in a month reviews the month before, as it stood at its end.
            let last = Day(year: local.day.year, month: local.day.components.month, day: 1).adding(days: -1)
            let reviewed = last.components
            let first = Day(year: reviewed.year, month: reviewed.month, day: 1)
            (facts.ranking, facts.findings, facts.registered) = try ranking(from: first, through: last, zone: w.zone)
            facts.periodEnd = last
            facts.period = project.documents.lang == .zh ? "\(reviewed.year)年\(reviewed.month)月"
                : DateText.long(first, .en).split(separator: " ").dropFirst().joined(separator: " ")
        } else if uses("findings") || uses("unit_matters") {
            // A circular's findings are the open matters its table counts; other kinds list what is overdue today.
            facts.findings = try findings(today: local.day)
        }
        return facts
    }

    /// 约谈人 by the head's rank, from the policy the matter escalates under
    /// (named by id or title), else the first policy that lists interviewers.
    func interviewer(for unit: String?, policy: Value?) -> String? {
        guard let unit, let record = defs.project.units?.unit(unit) else { return nil }
        let named = policy.flatMap(Self.text)
        let policies = defs.project.policies
        let chosen = policies.first { named != nil && ($0.id == named || $0.title == named) } ?? policies.first { !$0.interviewers.isEmpty }
        return chosen?.interviewer(rank: record.rank)
    }

    /// The day a closed matter was done, as the unit is judged by it: its last
    /// act before the office closed it (the report that was accepted), else the closing.
    func completed(_ i: Instance, unit: String, zone: Zone) throws -> Day {
        let last = try session.auditRecords(instance: i.id).last { $0.actor == unit && $0.kind == .event }
        return zone.local(last?.time ?? i.entered).day
    }

    static func unitID(_ v: Value?) -> String? {
        switch v {
        case .unit(let u)?, .text(let u)?: return u.isEmpty ? nil : u
        default: return nil
        }
    }

    /// Workdays past the deadline (or since the state was entered, without one).
    func overdue(_ values: [String: Value], since entered: Instant, calendar: BusinessCalendar, today: Day, zone: Zone) -> Int {
        let from: Day
        switch values["deadline"] {
        case .date(let d)?: from = d
        case .datetime(let t)?: from = zone.local(t).day
        default: from = zone.local(entered).day
        }
        return calendar.workdays(from: from, to: today).value
    }

    /// An event with its payload, read back from the audit trail and typed by
    /// the workflow's declaration (the trail keeps what was sent).
    static func recordedEvent(_ r: AuditRecord, _ w: WorkflowDefinition) -> DocumentFacts.RecordedEvent? {
        guard r.kind == .event, case .event(let name, var payload)? = AuditDetail(r.detail)?.trigger else { return nil }
        let declared = w.states.flatMap(\.handlers).filter { $0.event == name }.flatMap(\.branches).flatMap(\.payload)
        for decl in declared {
            if case .text(let raw)? = payload[decl.name], let typed = decl.type.parse(raw, zone: w.zone) { payload[decl.name] = typed }
        }
        return .init(name: name, actor: r.actor, time: r.time, payload: payload)
    }

    /// A tracked matter as notices list it; nil for instances of unknown workflows.
    func matter(_ i: Instance, today: Day) -> DocumentFacts.Matter? {
        guard let w = defs.workflow(i.workflow, version: i.version) else { return nil }
        let deadline: Day? = {
            switch i.values["deadline"] {
            case .date(let d)?: return d
            case .datetime(let t)?: return w.zone.local(t).day
            default: return nil
            }
        }()
        let escalating = w.state(i.state)?.escalation != nil && !i.finished
        let late = escalating ? overdue(i.values, since: i.entered, calendar: defs.calendar(for: w), today: today, zone: w.zone) : 0
        let title = ["problem", "task", "commitment", "name"].lazy.compactMap { i.values[$0].flatMap(Self.text) }.first ?? w.title
        return .init(id: i.id, workflow: i.workflow, unit: Self.unitID(i.values["unit"]), title: title,
                     stateTitle: w.state(i.state)?.title ?? i.state, deadline: deadline, workdaysOverdue: late, values: i.values)
    }

    static func text(_ v: Value) -> String? {
        if case .text(let s) = v, !s.isEmpty { return s }
        return nil
    }

    /// Running instances in an escalating state (overdue), every workflow.
    func findings(today: Day) throws -> [DocumentFacts.Matter] {
        var out: [DocumentFacts.Matter] = []
        for w in defs.project.workflows {
            for s in w.states where s.escalation != nil {
                out += try session.instances(InstanceFilter(workflow: w.id, state: s.name, running: true))
                    .filter { $0.trackedWith == nil }.compactMap { matter($0, today: today) }
            }
        }
        return out
    }

    /// The month a circular names, per unit, as it stood at the month's end:
    /// the matters in play (due in the month, or due before and still open at
    /// its start), those closed on time, closed late and still open, and the
    /// late reports of the month. Best on-time rate first, then fewest open,
    /// then fewest late reports, then units.yaml order. Also the open matters,
    /// which the circular lists: the same ones its table counts; and those
    /// registered outstanding (挂账), listed apart and not held against the unit.
    func ranking(from first: Day, through last: Day, zone: Zone) throws
        -> ([DocumentFacts.RankRow], [DocumentFacts.Matter], [DocumentFacts.Matter]) {
        var rows: [String: DocumentFacts.RankRow] = [:]
        for u in defs.project.units?.units ?? [] { rows[u.id] = .init(unit: u.id) }
        var open: [DocumentFacts.Matter] = []
        var registered: [DocumentFacts.Matter] = []
        for w in defs.project.workflows where w.inputs.contains(where: { $0.name == "deadline" }) {
            for i in try session.instances(InstanceFilter(workflow: w.id)) where i.trackedWith == nil && i.state != "cancelled" {
                guard let m = matter(i, today: last), let unit = m.unit, let deadline = m.deadline, deadline <= last else { continue }
                guard !i.finished || w.zone.local(i.entered).day >= first else { continue }
                if !i.finished, w.state(i.state)?.registered == true {
                    registered.append(m)
                    continue
                }
                let closed = i.finished ? try completed(i, unit: unit, zone: w.zone) : nil
                var row = rows[unit] ?? .init(unit: unit)
                row.due += 1
                switch closed {
                case let day? where day <= deadline: row.closed += 1
                case let day? where day <= last: row.late += 1
                default:
                    row.overdue += 1
                    var late = m
                    late.workdaysOverdue = overdue(i.values, since: i.entered, calendar: defs.calendar(for: w), today: last, zone: w.zone)
                    open.append(late)
                }
                rows[unit] = row
            }
        }
        for entry in try session.ledger(units: Array(rows.keys)) where entry.kind == .lateReport || entry.kind == .missedReport {
            let day = zone.local(entry.time).day
            if day >= first, day <= last { rows[entry.unit]?.lateReports += 1 }
        }
        let order = Dictionary((defs.project.units?.units ?? []).enumerated().map { ($1.id, $0) }) { a, _ in a }
        let sorted = rows.values.sorted { a, b in
            if (a.due > 0) != (b.due > 0) { return a.due > 0 }
            if a.standing != b.standing { return a.standing.lexicographicallyPrecedes(b.standing) }
            return (order[a.unit] ?? .max, a.unit) < (order[b.unit] ?? .max, b.unit)
        }
        return (sorted, open, registered)
    }
}
