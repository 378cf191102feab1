import DubanDocuments
import DubanEngine
import DubanModel
import DubanStore
import Foundation

extension Applier {
    /// Numbers a document and stores it as issued, in the step's transaction:
    /// the number is never reused, and a failed step leaves no gap.
    mutating func issueDocument(kind: String, to: String?, cc: [String], fields: [String: Value], instance: Instance,
                                _ w: WorkflowDefinition, at time: Instant, log: inout AuditDetail.Writer) throws -> String {
        let local = w.zone.local(time)
        let seq = try session.nextDocumentNumber(kind: kind, year: local.day.year)
        let facts = try gatherFacts(kind: kind, seq: seq, to: to, cc: cc, fields: fields, instance: instance, w, local: local)
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
        try session.insert(DocumentRecord(kind: kind, year: local.day.year, number: seq, instance: instance.id, unit: facts.unit,
                                          to: to, cc: cc, created: time, title: issued.title, content: content))
        // The circular establishes who ranked last: that goes in the unit's ledger (bottom_rank),
        // where `unit.bottom_ranks(62d)` finds it. Only units with matters due are ranked for it.
        let ranked = facts.ranking.filter { $0.due > 0 }
        if kind == "monthly-circular", ranked.count >= 2, let last = ranked.last {
            try session.insert(LedgerEntry(unit: last.unit, kind: .bottomRank, time: time, clause: issued.number), instance: instance.id)
            log.effect("ledger ", last.unit, " bottom_rank")
        }
        return issued.number
    }

    func gatherFacts(kind: String, seq: Int, to: String?, cc: [String], fields: [String: Value], instance: Instance,
                     _ w: WorkflowDefinition, local: LocalDateTime) throws -> DocumentFacts {
        let project = defs.project
        let calendar = defs.calendar(for: w)
        let values = instance.values.merging(fields) { _, new in new }
        let unit = Self.unitID(values["unit"]) ?? instance.escalation?.unit
        var facts = DocumentFacts(
            kind: kind, seq: seq, issued: local, zone: w.zone, settings: project.documents, units: project.units, to: to, cc: cc,
            unit: unit, workflowID: w.id, workflowTitle: w.title, instance: instance.id,
            stateTitle: w.state(instance.state)?.title ?? instance.state, values: values)
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
        if uses("findings") { facts.findings = try findings(today: local.day) }
        if uses("ranking") || kind == "monthly-circular" {
            // A circular issued early in a month reviews the month before.
            let reviewed = Day(year: local.day.year, month: local.day.components.month, day: 1).adding(days: -1).components
            let period = Day(year: reviewed.year, month: reviewed.month, day: 1)
            facts.ranking = try ranking(today: local.day, since: period, zone: w.zone)
            facts.period = project.documents.lang == .zh ? "\(reviewed.year)年\(reviewed.month)月"
                : DateText.long(period, .en).split(separator: " ").dropFirst().joined(separator: " ")
        }
        return facts
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
                out += try session.instances(InstanceFilter(workflow: w.id, state: s.name, running: true)).compactMap { matter($0, today: today) }
            }
        }
        return out
    }

    /// Per unit: matters due by today, closed, overdue now, late reports in the period;
    /// best completion rate first, then fewest overdue, then fewest late reports, then units.yaml order.
    func ranking(today: Day, since: Day, zone: Zone) throws -> [DocumentFacts.RankRow] {
        var rows: [String: DocumentFacts.RankRow] = [:]
        for u in defs.project.units?.units ?? [] { rows[u.id] = .init(unit: u.id, due: 0, closed: 0, overdue: 0, lateReports: 0) }
        for w in defs.project.workflows where w.inputs.contains(where: { $0.name == "deadline" }) {
            for i in try session.instances(InstanceFilter(workflow: w.id)) {
                guard let m = matter(i, today: today), let unit = m.unit, let deadline = m.deadline, deadline <= today else { continue }
                var row = rows[unit] ?? .init(unit: unit, due: 0, closed: 0, overdue: 0, lateReports: 0)
                row.due += 1
                if i.finished, i.state != "cancelled" { row.closed += 1 }
                if m.workdaysOverdue > 0 { row.overdue += 1 }
                rows[unit] = row
            }
        }
        for entry in try session.ledger(units: Array(rows.keys)) where entry.kind == .lateReport || entry.kind == .missedReport {
            let day = zone.local(entry.time).day
            if day >= since, day <= today { rows[entry.unit]?.lateReports += 1 }
        }
        let order = Dictionary((defs.project.units?.units ?? []).enumerated().map { ($1.id, $0) }) { a, _ in a }
        return rows.values.sorted {
            ($0.rate, -$0.overdue, -$0.lateReports, -(order[$0.unit] ?? .max), $1.unit) > ($1.rate, -$1.overdue, -$1.lateReports, -(order[$1.unit] ?? .max), $0.unit)
        }
    }
}
