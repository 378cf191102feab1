import DubanDocuments
import DubanEngine
import DubanModel
import DubanStore
import DubanLanguage

/// What a deploy did, file by file.
public struct DeployReport: Sendable {
    public var added: [String] = []
    public var unchanged: [String] = []
    public var warnings: [Diagnostic] = []
    public var sources: [SourceFile] = []
}

extension Runtime {
    /// Validates the files together with what is already deployed, then
    /// registers each changed file as a new version. An unchanged file is a
    /// no-op; any error means nothing is written.
    /// `templates`: the project's document templates by name; each is stored
    /// as a definition, so a tick run anywhere issues with what was deployed.
    public func deploy(_ sources: [SourceFile], templates: [String: SourceFile] = [:], now: Instant) throws -> DeployReport {
        let stored = try read { try $0.definitions() }
        let given = sources.compactMap { source in FileIdentity(source).map { (source, $0) } }
        let givenKeys = Set(given.map { "\($0.1.kind.rawValue)/\($0.1.name)" })
        var latest: [String: StoredDefinition] = [:]
        for d in stored {
            let key = "\(d.kind.rawValue)/\(d.name)"
            if latest[key].map({ $0.version < d.version }) ?? true { latest[key] = d }
        }
        let context = latest.filter { !givenKeys.contains($0.key) && $0.value.kind != .template }.values.sorted { $0.path < $1.path }.map { SourceFile(path: $0.path, text: $0.source) }
        let deployedTemplates = Set(stored.filter { $0.kind == .template }.map(\.name))
        var result = ProjectLoader.load(sources + context, templates: deployedTemplates.union(templates.keys), explicit: [])
        let templateSources = templates.values.sorted { $0.path < $1.path }
        result.diagnostics += TemplateSet.check(templateSources)
        result.sources += templateSources
        if result.hasErrors { throw RuntimeError.invalidDefinitions(result.diagnostics, sources: result.sources) }
        let files = given + templates.sorted { $0.key < $1.key }.map { ($0.value, FileIdentity(kind: .template, name: $0.key, version: 0)) }

        var report = DeployReport(warnings: result.diagnostics, sources: result.sources)
        try write { s in
            for (source, id) in files {
                let hash = SHA256.hex(source.text)
                let label = "\(source.path) (\(id.kind.rawValue) \(id.name)"
                if id.kind == .workflow {
                    if let existing = stored.first(where: { $0.kind == .workflow && $0.name == id.name && $0.version == id.version }) {
                        guard existing.hash == hash else { throw RuntimeError.versionConflict(workflow: id.name, version: id.version, file: source.path) }
                        report.unchanged.append("\(label) v\(id.version))")
                        continue
                    }
                    try s.insert(StoredDefinition(kind: .workflow, name: id.name, version: id.version, hash: hash, path: source.path, source: source.text, deployedAt: now))
                    report.added.append("\(label) v\(id.version))")
                } else {
                    let previous = latest["\(id.kind.rawValue)/\(id.name)"]
                    if previous?.hash == hash {
                        report.unchanged.append("\(label))")
                        continue
                    }
                    let version = (previous?.version ?? 0) + 1
                    try s.insert(StoredDefinition(kind: id.kind, name: id.name, version: version, hash: hash, path: source.path, source: source.text, deployedAt: now))
                    report.added.append("\(label) #\(version))")
                }
            }
            try updateSchedules(s, project: result.project, now: now)
        }
        return report
    }

    /// Keeps one schedule row per workflow whose latest version has `schedule:`,
    /// pointing at its next slot after `now` (or keeping an earlier pending one).
    func updateSchedules(_ s: any StoreSession, project: Project, now: Instant) throws {
        let existing = Dictionary(try s.schedules().map { ($0.workflow, $0) }, uniquingKeysWith: { a, _ in a })
        for w in project.workflows {
            guard let schedule = w.schedule else {
                if existing[w.id] != nil { try s.deleteSchedule(workflow: w.id) }
                continue
            }
            let slots = ScheduleSlots(schedule: schedule, calendar: project.calendar(for: w))
            guard let next = slots.first(after: now) else { continue }
            if let current = existing[w.id], current.nextSlot <= next { continue }
            try s.upsert(ScheduleState(workflow: w.id, nextSlot: next))
        }
    }

    /// Warnings that next year's calendar data is missing, as of `today`: in
    /// December only, so an idle tick the rest of the year reads nothing more.
    public func calendarWarnings(today: Day) throws -> [String] {
        guard today.components.month == 12 else { return [] }
        var years: [String: Set<Int>] = [:]
        for d in try read({ try $0.definitions() }) where d.kind == .calendar {
            guard let (calendar, year) = FileIdentity.calendarYear(d.name) else { continue }
            years[calendar, default: []].insert(year)
        }
        return years.keys.sorted().compactMap { nextYearCalendarWarning(calendar: $0, years: years[$0]!, today: today) }
    }
}
