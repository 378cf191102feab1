import DubanEngine
import DubanLanguage
import DubanModel
import Foundation
import Testing

@Suite("Pure engine")
struct EngineTests {
    let project: Project
    let engine: Engine
    let rectification: WorkflowDefinition

    init() throws {
        project = try shipped().project
        engine = Engine(project: project)
        rectification = try #require(project.workflow("rectification"))
    }

    func context(_ time: String, ledger: [LedgerEntry] = []) -> EngineContext {
        EngineContext(now: at(time), calendar: project.calendar(for: rectification), ledger: ledger)
    }

    func started(_ time: String = "2026-04-22T09:00", ledger: [LedgerEntry] = []) throws -> Instance {
        try engine.start(rectification, id: "m1", inputs: ["unit": .text("chengguan"), "problem": .text("占道经营")], context: context(time, ledger: ledger)).instance
    }

    func rectifying() throws -> Instance {
        try engine.handle(Event(name: "acknowledge", actor: "chengguan"), on: try started(), definition: rectification, context: context("2026-04-23T10:00")).instance
    }

    /// A timer key reads back from the text it is stored as; any other text is refused.
    @Test(arguments: [
        ("after.0", TimerKey.after(0)), ("at.12", .at(12)), ("step.3", .step(3)), ("after.007", .after(7)),
        ("after", nil), ("after.", nil), (".1", nil), ("when.1", nil), ("at.-1", nil), ("at.1x", nil), ("step.1234567890", nil), ("", nil),
    ] as [(String, TimerKey?)])
    func timerKeyText(text: String, key: TimerKey?) {
        #expect(TimerKey(text) == key)
        if let key { #expect(TimerKey(key.description) == key) }
    }

    /// Starting fills defaults through the calendar and schedules the state's timers.
    @Test func start() throws {
        let step = try engine.start(rectification, id: "m1", inputs: ["unit": .text("chengguan"), "problem": .text("x")], context: context("2026-04-29T09:00"))
        #expect(step.instance.values["deadline"] == .date(day("2026-05-09")))   // 5 workdays over Labour Day, the 5th its makeup Saturday
        #expect(step.instance.values["extensions"] == .int(0))
        #expect(step.instance.state == "assigned")
        #expect(step.effects.contains(.notify(unit: "chengguan", role: .contact, template: "assignment")))
        #expect(step.effects.contains(.scheduleTimer(.after(0), due: at("2026-04-30T09:00"))))
        #expect(step.effects.contains(.scheduleTimer(.after(1), due: at("2026-05-06T09:00"))))
    }

    /// Wrong inputs are refused, each problem named.
    @Test func badInputs() {
        #expect(throws: EngineError.badInputs(workflow: "rectification", problems: [
            "'probelm' is not an input of 'rectification' (did you mean 'problem'?)",
            "the required input 'problem' is missing (any text)",
            "'source' must be one of inspection, public, media, snapshot, not 'tv'",
            "'deadline' must be a date, YYYY-MM-DD, not '5月1日'",
        ])) {
            try engine.start(rectification, id: "m1", inputs: ["unit": .text("chengguan"), "probelm": .text("x"), "source": .text("tv"), "deadline": .text("5月1日")], context: context("2026-04-22T09:00"))
        }
    }

    /// An event not allowed in the state is refused, listing what is allowed.
    @Test func eventNotAllowed() throws {
        let error = #expect(throws: EngineError.self) {
            try engine.handle(Event(name: "report", actor: "chengguan"), on: try started(), definition: rectification, context: context("2026-04-23T10:00"))
        }
        #expect(error?.description == "'report' is not allowed in state 'assigned'; allowed now: acknowledge, return, cancel")
    }

    /// Only the actors in `by:` may send an event.
    @Test func wrongActor() throws {
        #expect(throws: EngineError.wrongActor(event: "acknowledge", actor: "gongan", allowed: ["chengguan"])) {
            try engine.handle(Event(name: "acknowledge", actor: "gongan"), on: try started(), definition: rectification, context: context("2026-04-23T10:00"))
        }
    }

    /// Payload fields are checked and typed; a failed condition refuses the event.
    @Test func payloadAndCondition() throws {
        let r = try rectifying()
        #expect(throws: EngineError.badPayload(event: "request_extension", problems: ["'until' must be a date, YYYY-MM-DD", "'reason' is required (any text)"])) {
            try engine.handle(Event(name: "request_extension", actor: "chengguan", payload: ["until": .text("soon")]), on: r, definition: rectification, context: context("2026-04-24T10:00"))
        }
        let ext = Event(name: "request_extension", actor: "chengguan", payload: ["until": .text("2026-05-15"), "reason": .text("雨季")])
        let once = try engine.handle(ext, on: r, definition: rectification, context: context("2026-04-24T10:00"))
        #expect(once.instance.values["deadline"] == .date(day("2026-05-15")))
        #expect(once.instance.state == "rectifying")
        // The overdue timer moved with the deadline; nothing else was re-entered.
        #expect(once.effects.contains(.scheduleTimer(.at(1), due: at("2026-05-15T18:00"))))
        #expect(!once.effects.contains { if case .transitioned = $0 { return true }; return false })
        let twice = Event(name: "request_extension", actor: "chengguan", payload: ["until": .text("2026-05-20"), "reason": .text("再延")])
        #expect(throws: EngineError.conditionFailed(event: "request_extension", conditions: ["extensions < 1 and date(now) <= deadline and event.until > deadline"])) {
            try engine.handle(twice, on: once.instance, definition: rectification, context: context("2026-04-27T10:00"))
        }
    }

    /// A timer the instance no longer waits on fires nothing.
    @Test func staleTimer() throws {
        let r = try rectifying()
        #expect(r.timers[.after(0)] == nil)
        let step = engine.fire(.after(0), on: r, definition: rectification, context: context("2026-04-23T09:00"))
        #expect(step.effects.isEmpty)
        #expect(step.instance == r)
    }

    /// At the deadline the instance falls overdue and the ladder starts at step 1;
    /// the unit's report holds the ladder (no step timer, progress kept) until the office reviews it.
    @Test func overdueAndLeaving() throws {
        let r = try rectifying()
        let due = try #require(r.timers[.at(1)])
        #expect(due == at("2026-04-29T18:00"))
        let overdue = engine.fire(.at(1), on: r, definition: rectification, context: EngineContext(now: due, calendar: project.calendar(for: rectification)))
        #expect(overdue.instance.state == "overdue")
        #expect(overdue.instance.timers == [.step(0): due])
        let first = engine.fire(.step(0), on: overdue.instance, definition: rectification, context: EngineContext(now: due, calendar: project.calendar(for: rectification)))
        #expect(first.effects.contains(.escalationStep(policy: "accountability", step: "提醒", index: 0, unit: "chengguan", clause: "第四条")))
        #expect(first.instance.timers == [.step(1): at("2026-05-06T18:00")])   // +2wd over Labour Day
        let reported = try engine.handle(Event(name: "report", actor: "chengguan"), on: first.instance, definition: rectification, context: context("2026-05-06T10:00"))
        #expect(reported.instance.state == "reviewing")
        #expect(reported.effects.contains(.cancelTimer(.step(1))))
        #expect(reported.instance.timers[.step(1)] == nil)
        #expect(reported.instance.escalation?.next == 1 && reported.instance.escalation?.reported == true)
        #expect(reported.effects.contains(.escalationHeld(policy: "accountability", unit: "chengguan", next: "督办")))
        let accepted = try engine.handle(Event(name: "accept", actor: "office"), on: reported.instance, definition: rectification,
                                         context: context("2026-05-07T10:00"))
        #expect(accepted.instance.escalation == nil)
    }

    /// A repeat offender (two strikes within 365 days) starts at 约谈: it fires at once.
    @Test func repeatOffender() throws {
        let ledger = [LedgerEntry(unit: "chengguan", kind: .strike, time: at("2026-01-10T18:00")),
                      LedgerEntry(unit: "chengguan", kind: .strike, time: at("2026-03-10T18:00"))]
        let r = try rectifying()
        let ctx = EngineContext(now: at("2026-04-29T18:00"), calendar: project.calendar(for: rectification), ledger: ledger)
        let overdue = engine.fire(.at(1), on: r, definition: rectification, context: ctx)
        #expect(overdue.instance.timers == [.step(3): at("2026-04-29T18:00")])
        let fired = engine.fire(.step(3), on: overdue.instance, definition: rectification, context: ctx)
        #expect(fired.effects.contains(.spawn(childID: "m1.1", workflow: "interview", inputs: [
            "unit": .unit("chengguan"), "reason": .text("承办事项逾期未完成整改，经督办、通报批评仍未整改到位"), "clause": .text("第七条"),
            "policy": .text("创文工作问责办法（试行）"),
        ])))
        // The interview records itself in the ledger when it starts, however it was started.
        #expect(!fired.effects.contains { if case .ledger = $0 { return true }; return false })
        // 问责 follows 10 workdays later, as 20wd − 10wd on the normal ladder.
        #expect(fired.instance.timers == [.step(4): at("2026-05-15T18:00")])   // counting the makeup Saturday 05-09
    }

    /// A step's `unless:` on the ledger passes it over: a head already referred is not referred again.
    @Test func unlessPassesStepOver() throws {
        let ledger = [LedgerEntry(unit: "chengguan", kind: .referral, time: at("2026-04-20T18:00"), clause: "第八条")]
        let r = try rectifying()
        let ctx = EngineContext(now: at("2026-04-29T18:00"), calendar: project.calendar(for: rectification), ledger: ledger)
        var step = engine.fire(.at(1), on: r, definition: rectification, context: ctx)
        let policy = try #require(project.policy("accountability"))
        let last = policy.steps.count - 1
        var instance = step.instance
        instance.escalation?.next = last
        instance.timers = [.step(last): at("2026-04-29T18:00")]
        step = engine.fire(.step(last), on: instance, definition: rectification, context: ctx)
        #expect(step.effects.contains(.escalationSkipped(policy: "accountability", step: "问责", unit: "chengguan",
                                                         because: "unit.referrals(90d) > 0")))
        #expect(!step.effects.contains { if case .spawn = $0 { return true }; return false })
        #expect(!step.effects.contains { if case .ledger = $0 { return true }; return false })
        // Without the referral in the ledger the same step refers.
        let fresh = engine.fire(.step(last), on: instance, definition: rectification,
                                context: EngineContext(now: at("2026-04-29T18:00"), calendar: project.calendar(for: rectification)))
        #expect(fresh.effects.contains { if case .spawn(_, "referral", _) = $0 { return true }; return false })
    }

    /// A pledge made about a matter already tracked climbs no ladder of its own when it falls overdue.
    @Test func trackedPledgeDoesNotEscalate() throws {
        let pledge = try #require(project.workflow("pledge"))
        func overdue(_ matter: String) throws -> Step {
            let ctx = EngineContext(now: at("2026-04-08T10:00"), calendar: project.calendar(for: pledge))
            let started = try engine.start(pledge, id: "32.1", inputs: ["unit": .text("chengguan"), "commitment": .text("一周内完成整改"),
                                                                       "deadline": .text("2026-04-15"), "matter": .text(matter)], context: ctx)
            let due = try #require(started.instance.timers[.at(1)])
            return engine.fire(.at(1), on: started.instance, definition: pledge,
                               context: EngineContext(now: due, calendar: project.calendar(for: pledge)))
        }
        let tracked = try overdue("1")
        #expect(tracked.instance.state == "overdue")
        #expect(tracked.instance.escalation == nil)
        #expect(tracked.instance.timers.isEmpty)
        let own = try overdue("")
        #expect(own.instance.escalation != nil)
        #expect(own.instance.timers[.step(0)] != nil)
    }

    /// A workflow's office_hours move where a date-only deadline falls.
    @Test func officeHours() throws {
        let w = try #require(try shipped(plus: ["late.yaml": """
        workflow: late
        version: 1
        office_hours: "08:30-17:30"
        inputs: { deadline: { type: date, default: "+1wd" } }
        initial: open
        states:
          open: { at: [ { time: deadline, goto: done } ] }
          done: { final: true }
        """]).project.workflow("late"))
        let step = try engine.start(w, id: "x", inputs: [:], context: EngineContext(now: at("2026-04-30T10:00"), calendar: project.calendar(for: w)))
        #expect(step.instance.timers[.at(0)] == at("2026-05-06T17:30"))
    }

    /// A matter nobody signs for falls overdue at its deadline all the same.
    @Test func unacknowledgedFallsOverdue() throws {
        let i = try started()
        #expect(i.timers[.at(2)] == at("2026-04-29T18:00"))
        let step = engine.fire(.at(2), on: i, definition: rectification, context: context("2026-04-29T18:00"))
        #expect(step.instance.state == "overdue")
        #expect(step.instance.timers[.step(0)] == at("2026-04-29T18:00"))
    }

    /// A finished instance takes no events.
    @Test func finished() throws {
        let cancelled = try engine.handle(Event(name: "cancel", actor: "office"), on: try started(), definition: rectification, context: context("2026-04-23T10:00"))
        #expect(cancelled.instance.finished)
        #expect(cancelled.instance.timers.isEmpty)
        #expect(throws: EngineError.finished(instance: "m1")) {
            try engine.handle(Event(name: "acknowledge", actor: "chengguan"), on: cancelled.instance, definition: rectification, context: context("2026-04-24T10:00"))
        }
    }

    /// The model and engine read no clock and do no I/O: none of these appear in their sources.
    @Test func pureCore() throws {
        let forbidden = ["Date()", "Date.now", "FileManager", "ProcessInfo", "FileHandle", "print(", "URLSession"]
        for target in ["DubanModel", "DubanEngine", "DubanYAML"] {
            let dir = Paths.root.appendingPathComponent("Sources/\(target)")
            let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                guard url.pathExtension == "swift" else { continue }
                let text = try String(contentsOf: url, encoding: .utf8)
                for word in forbidden {
                    #expect(!text.contains(word), "\(url.lastPathComponent) uses \(word)")
                }
            }
        }
    }
}
