import DubanYAML
import Testing

@Suite("YAML layer over libyaml")
struct YAMLTests {
    /// Under the YAML 1.2 core schema `on`, `yes`, `no`, `off` are text while true/false/null/ints resolve.
    @Test(arguments: [
        ("on", Scalar.Value.string("on")), ("yes", .string("yes")), ("no", .string("no")), ("off", .string("off")),
        ("y", .string("y")), ("true", .bool(true)), ("False", .bool(false)), ("~", .null), ("null", .null),
        ("42", .int(42)), ("-7", .int(-7)), ("0x1F", .int(31)), ("0o17", .int(15)), ("1.5", .float(1.5)),
        ("2026-05-01", .string("2026-05-01")), ("5wd", .string("5wd")),
        ("+12", .int(12)), ("1e3", .float(1000)), (".5", .float(0.5)), ("1.", .float(1)), ("-2.5E-1", .float(-0.25)),
        ("1_000", .string("1_000")), ("12abc", .string("12abc")), ("e5", .string("e5")), ("1e", .string("1e")),
        (".", .string(".")),
        ("NULL", .null), ("Null", .null), ("TRUE", .bool(true)), ("FALSE", .bool(false)), ("tRue", .string("tRue")),
        (".Inf", .float(.infinity)), ("+.inf", .float(.infinity)), ("-.INF", .float(-.infinity)), ("0", .int(0)),
        ("问题整改", .string("问题整改")), ("提醒", .string("提醒")), ("Nope", .string("Nope")), ("x1", .string("x1")),
    ])
    func coreSchema(_ text: String, _ expected: Scalar.Value) throws {
        let doc = YAML.parse("k: \(text)\n")
        #expect(doc.problems.isEmpty)
        #expect(doc.root?["k"]?.scalar?.resolved == expected)
    }

    /// `on:` as a key is the text "on", so a state's `on:` block is found by name.
    @Test func onAsKey() throws {
        let doc = YAML.parse("on:\n  yes: done\n")
        let on = try #require(doc.root?["on"])
        #expect(on["yes"]?.text == "done")
    }

    /// Quoted scalars stay text whatever they look like.
    @Test func quotedStaysText() {
        let doc = YAML.parse("a: \"true\"\nb: '12'\n")
        #expect(doc.root?["a"]?.scalar?.resolved == .string("true"))
        #expect(doc.root?["b"]?.scalar?.resolved == .string("12"))
    }

    /// Every node carries its 1-based line and column, also after CJK text.
    @Test func marks() throws {
        let doc = YAML.parse("title: 问题整改\nstates:\n  assigned: { final: true }\n")
        let root = try #require(doc.root)
        #expect(root["title"]?.position == Position(line: 1, column: 8))
        let assigned = try #require(root["states"]?["assigned"])
        #expect(assigned.position == Position(line: 3, column: 13))
        #expect(assigned["final"]?.position == Position(line: 3, column: 22))
    }

    /// Anchors and aliases copy the anchored node; merge keys fill in without overriding.
    @Test func anchorsAndMerge() throws {
        let doc = YAML.parse("""
        base: &b { in: 1wd, do: [remind] }
        copy: *b
        merged: { <<: *b, in: 2wd }
        """)
        #expect(doc.problems.isEmpty)
        let root = try #require(doc.root)
        #expect(root["copy"]?["in"]?.text == "1wd")
        #expect(root["merged"]?["in"]?.text == "2wd")
        #expect(root["merged"]?["do"]?.sequence?.first?.text == "remind")
    }

    /// A duplicate key is reported at the second occurrence, naming the first.
    @Test func duplicateKey() {
        let doc = YAML.parse("a: 1\nb: 2\na: 3\n")
        #expect(doc.problems == [YAMLProblem("duplicate key 'a': it is already set at line 1, column 1", at: Position(line: 3, column: 1))])
    }

    /// A syntax error names its line and column and yields no tree.
    @Test func syntaxError() throws {
        let doc = YAML.parse("a: [1, 2\nb: 3\n")
        #expect(doc.root == nil)
        let problem = try #require(doc.problems.first)
        #expect(problem.message.hasPrefix("YAML syntax:"))
        #expect(problem.position.line == 2)
    }

    /// An alias to an unknown anchor is a problem, not a crash.
    @Test func unknownAlias() {
        let doc = YAML.parse("a: *nowhere\n")
        #expect(doc.problems.contains { $0.message.contains("unknown alias") })
    }

    /// A core-schema tag is what it says or a problem at its place: `!!float 1`
    /// is the number 1.0 (not the whole number 1); `!!int "abc"`, `!!bool yes`
    /// and `!!null x` are refused; `!!str 1` is text.
    @Test func taggedScalars() throws {
        let doc = YAML.parse("a: !!float 1\nb: !!int \"abc\"\nc: !!bool yes\nd: !!null x\ne: !!str 1\nf: !!int 0x1F\n")
        #expect(doc.root?["a"]?.scalar?.resolved == .float(1))
        #expect(doc.root?["e"]?.scalar?.resolved == .string("1"))
        #expect(doc.root?["f"]?.scalar?.resolved == .int(31))
        #expect(doc.problems.map(\.position.line) == [2, 3, 4])
        #expect(doc.problems.first?.message == "'abc' is not a valid !!int")
    }
}
