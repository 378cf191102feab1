import DubanLanguage
import DubanModel
import Foundation
import Testing

@Suite("Validator")
struct ValidatorTests {
    /// A file with many mistakes gets every one reported, with line, column, the line and a caret.
    @Test func goldenMessages() throws {
        let dir = Paths.fixtures.appendingPathComponent("validation/many-mistakes")
        let text = try String(contentsOf: dir.appendingPathComponent("broken.yaml"), encoding: .utf8)
        let result = load(["broken.yaml": text])
        #expect(result.hasErrors)
        let rendered = DiagnosticRenderer(sources: result.sources).render(result.diagnostics) + "\n"
        let (expected, actual) = try golden(rendered, dir.appendingPathComponent("expected.txt"))
        #expect(actual == expected)
    }

    /// The shipped workflows, policy and calendars are clean: no error, no warning.
    @Test func shippedAreClean() throws {
        let result = try shipped()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.header))")
        #expect(Set(result.project.workflows.map(\.id)).isSuperset(of: ["rectification", "interview"]))
        #expect(result.project.calendarYears["cn"]?.map(\.year) == [2024, 2025, 2026])
    }

    func messages(_ files: [String: String]) -> [String] {
        load(files).diagnostics.map { "\($0.severity.rawValue): \($0.message)" }
    }

    static let minimal = """
    workflow: child
    version: 1
    calendar: weekdays
    inputs: { unit: { type: unit, required: true } }
    initial: open
    states:
      open: { on: { done: { goto: end, do: [ { signal_parent: finished } ] } } }
      end: { final: true }
    """

    /// References resolve across files: a spawned workflow defined in another file is found,
    /// and a signal its parent never handles is an error.
    @Test func crossFileReferences() {
        let parent = """
        workflow: parent
        version: 1
        calendar: weekdays
        inputs: { unit: { type: unit, required: true } }
        initial: a
        states:
          a:
            enter: [ { spawn: { workflow: child, inputs: { unit: unit } } } ]
            on: { finished: b }
          b: { final: true }
        """
        #expect(messages(["child.yaml": Self.minimal, "parent.yaml": parent]).isEmpty)
        let deaf = parent.replacingOccurrences(of: "on: { finished: b }", with: "on: { other: b }")
        #expect(messages(["child.yaml": Self.minimal, "parent.yaml": deaf]).contains {
            $0.contains("no parent of 'child' (parent) handles the event 'finished'")
        })
        let missingInput = parent.replacingOccurrences(of: "inputs: { unit: unit }", with: "inputs: {}")
        #expect(messages(["child.yaml": Self.minimal, "parent.yaml": missingInput]).contains {
            $0.contains("the required input 'unit' of 'child' is not given")
        })
        #expect(messages(["a.yaml": Self.minimal, "b.yaml": Self.minimal]).contains { $0.contains("workflow 'child' is also defined in a.yaml") })
    }

    /// With a units file, recipients and actors naming unknown units are errors, with suggestions.
    @Test func units() {
        let units = """
        units:
          - { id: chengguan, name: 区城管委, contact: { name: 孙浩 } }
          - { id: gongan, name: 区公安分局 }
          - { id: gongan, name: 重复 }
        """
        let w = """
        workflow: w
        version: 1
        calendar: weekdays
        initial: a
        states:
          a:
            enter: [ { notify: { to: chenguan.contact, template: reminder } } ]
            on: { go: { goto: b, by: [gongan, nobody] } }
          b: { final: true }
        """
        let m = messages(["units.yaml": units, "w.yaml": w])
        #expect(m.contains { $0.contains("unknown recipient 'chenguan' (did you mean 'chengguan'?)") })
        #expect(m.contains { $0.contains("unit 'gongan' is listed twice") })
        #expect(m.contains { $0.contains("by: 'nobody' is not a unit-typed input") })
        #expect(m.contains { $0.contains("warning: unit 'gongan' has no contact") })
    }

    /// Deciding bodies take documents but no messages and no id of a unit; a policy gives one interviewer per rank.
    @Test func bodiesAndInterviewers() {
        let units = """
        bodies:
          - { id: jiwei, name: 区纪委监委 }
          - { id: chengguan, name: 重复 }
        units:
          - { id: chengguan, name: 区城管委, rank: 正科级, contact: { name: 孙浩 } }
        """
        let w = """
        workflow: w
        version: 1
        calendar: weekdays
        inputs: { unit: { type: unit, required: true } }
        initial: a
        states:
          a:
            enter: [ { document: { kind: accountability-referral, to: jiwei } }, { notify: { to: jiwei, template: reminder } } ]
            on: { go: { goto: b } }
          b: { final: true }
        """
        let policy = """
        policy: p
        steps: [ { after: 0wd, name: 提醒, unless: "unit.referrals(90d)", do: [ remind ] } ]
        interviewers:
          - { rank: 正科级, by: 区委常委、副区长 张明 }
          - { rank: 正科级, by: 区长 }
        """
        let m = messages(["units.yaml": units, "w.yaml": w, "p.yaml": policy])
        #expect(m.contains { $0.contains("'chengguan' is already a unit (line 5): give the body another id") })
        #expect(m.contains { $0.contains("'jiwei' is a body of units.yaml, not a unit: documents go to it, messages do not") })
        #expect(!m.contains { $0.contains("unknown recipient 'jiwei'") })
        #expect(m.contains { $0.contains("two interviewers are given for rank '正科级'") })
        #expect(m.contains { $0.contains("unless") && $0.contains("bool") })
    }

    /// Calendar files: bad dates, a day both off and on, and a makeup day on a weekday.
    @Test func calendarFiles() {
        let m = messages(["cn-2030.yaml": """
        calendar: cn
        year: 2030
        holidays:
          - { name: 国庆节, from: 2030-10-01, to: 2030-10-07 }
          - { name: 错误, from: 2030-02-30 }
        makeup_workdays:
          - { date: 2030-10-03, for: 国庆节 }
          - { date: 2030-10-08, for: 国庆节 }
        """])
        #expect(m.contains("error: '2030-02-30' is not a date (YYYY-MM-DD)"))
        #expect(m.contains("error: 2030-10-03 is both a holiday and a makeup workday"))
        #expect(m.contains { $0.hasPrefix("warning: 2030-10-08 is a Tue") })
    }

    /// Policies: an unknown start_at step, and a state escalating without a unit.
    @Test func policies() {
        let policy = """
        policy: p
        steps:
          - { after: 0wd, name: 提醒, do: [ remind ] }
          - { after: 2wd, name: 督办 }
        repeat_offence:
          - { if: "unit.strikes(365d) >= 2", start_at: 约谈 }
        """
        let w = """
        workflow: w
        version: 1
        calendar: weekdays
        inputs: { owner: { type: text } }
        initial: a
        states:
          a: { escalate: p, on: { done: b } }
          b: { final: true }
        """
        let m = messages(["p.yaml": policy, "w.yaml": w])
        #expect(m.contains { $0.contains("start_at '约谈' is not a step of this policy") })
        #expect(m.contains { $0.contains("escalate needs a unit to escalate") })
    }

    /// A coloured order's next rung may not come before the order is due back; a repeat needs a cap of 2 or
    /// more; a ranking ladder's rungs are type-checked; ranks: names a policy with a ranking ladder.
    @Test func laddersOfLocalRules() {
        let policy = """
        policy: p
        steps:
          - { after: 1wd, name: 蓝色督办, level: blue, reply: 3wd }
          - { after: 3wd, name: 橙色督办, level: orange, repeat: { every: 2wd, at_most: 1 } }
        ranking:
          bottom: 3
          rungs:
            - { name: 约谈, if: "unit.bottom_ranks(runnin) >= 2" }
        """
        let w = """
        workflow: w
        version: 1
        calendar: weekdays
        inputs: { unit: { type: unit } }
        initial: a
        states:
          a: { escalate: p, ranks: q, on: { done: b } }
          b: { final: true }
        """
        let m = messages(["p.yaml": policy, "w.yaml": w])
        #expect(m.contains { $0.contains("step '橙色督办' comes 3wd after the matter fell overdue, before the order of '蓝色督办' is due back") })
        #expect(m.contains { $0.contains("'at_most' counts the times in all: 2 or more") })
        #expect(m.contains { $0.contains("unknown name 'runnin'") })
        #expect(m.contains { $0.contains("ranks: unknown policy 'q'") })
    }

    /// A folder may hold other YAML (skipped with a warning); a file named on purpose must be a Duban file.
    @Test func foreignFiles() {
        let other = "name: ci\njobs: {}\n"
        #expect(ProjectLoader.load([SourceFile(path: "ci.yaml", text: other)]).diagnostics.map(\.severity) == [.warning])
        #expect(ProjectLoader.load([SourceFile(path: "ci.yaml", text: other)], explicit: ["ci.yaml"]).hasErrors)
    }

    /// The JSON Schema and the validator come from one table: each shape's keys are the keys the reader accepts.
    @Test func schemaMatchesReader() throws {
        let data = Data(Shape.jsonSchema().utf8)
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let defs = try #require(schema["definitions"] as? [String: Any])
        let state = try #require(defs["state"] as? [String: Any])
        let keys = try #require(state["properties"] as? [String: Any]).keys.sorted()
        #expect(keys == ["after", "at", "enter", "escalate", "exit", "final", "on", "ranks", "registered", "title"])
        // An unknown key in a state is refused by both.
        #expect(state["additionalProperties"] as? Bool == false)
        #expect(messages(["w.yaml": Self.minimal.replacingOccurrences(of: "end: { final: true }", with: "end: { final: true, colour: red }")])
            .contains { $0.contains("unknown key 'colour' in state 'end'") })
    }

    /// A version too large for a whole number says so, not "the number 1e+20";
    /// the JSON Schema holds versions to 1 or more, as the validator does.
    @Test func versionBounds() throws {
        let result = load(["v.yaml": "workflow: v\nversion: 99999999999999999999\ninitial: a\nstates: { a: { final: true } }\n"])
        #expect(result.diagnostics.map(\.message).contains("version 99999999999999999999 is too large a number (at most \(Int.max))"))
        let schema = try Binary.run(["schema"]).stdout
        func versions(_ node: Any) -> [[String: Any]] {
            if let d = node as? [String: Any] {
                let here = (d["properties"] as? [String: Any])?["version"] as? [String: Any]
                return (here.map { [$0] } ?? []) + d.values.flatMap(versions)
            }
            return (node as? [Any])?.flatMap(versions) ?? []
        }
        let found = versions(try JSONSerialization.jsonObject(with: Data(schema.utf8)))
        #expect(!found.isEmpty && found.allSatisfy { $0["minimum"] as? Int == 1 })
    }
}
