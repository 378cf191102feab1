import DubanLanguage
import DubanModel
@testable import DubanRuntime
import DubanYAML
import Foundation
import Testing

/// Hostile or careless input: refused with a clear message, never a crash,
/// a hang or a runaway.
@Suite("Hardening")
struct HardeningTests {
    /// A cell that a spreadsheet would run as a formula is written as text;
    /// other cells, quoting included, are as before.
    @Test func csvFormulasNeutralised() {
        let text = CSV.text([["=HYPERLINK(\"http://x\")", "+1", "-2", "@sum", "\tx", "区城管委", "a,b"]])
        #expect(text == "\u{FEFF}\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@sum,'\tx,区城管委,\"a,b\"\r\n")
    }

    /// Nesting beyond the bound is refused at its line and column, not by
    /// overflowing the stack (6,100 levels used to crash the composer).
    @Test func deepNestingRefused() {
        let text = "workflow: x\nstates: " + String(repeating: "[", count: 6_100) + String(repeating: "]", count: 6_100) + "\n"
        let doc = YAML.parse(text)
        #expect(doc.root == nil)
        #expect(doc.problems.first?.message.contains("nested more than \(YAML.maxDepth) levels") == true)
        #expect(doc.problems.first?.position.line == 2)
    }

    /// Aliases that multiply (a "billion laughs") stop at the node bound with
    /// a message, whatever the expansion would have been.
    @Test func aliasExpansionBounded() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let clock = ContinuousClock()
        let start = clock.now
        let doc = YAML.parse(text)
        #expect(clock.now - start < .seconds(5))
        #expect(doc.root == nil)
        #expect(doc.problems.first?.message.contains("expands to more than") == true)
    }

    /// Merge keys cost time in proportion to what they produce: a file of
    /// 1,000 mappings each merging 50 keys composes, with the keys written in
    /// a mapping winning over the merged ones.
    @Test func mergeKeysLinear() throws {
        var text = "base: &base {" + (0..<50).map { "k\($0): \($0)" }.joined(separator: ", ") + "}\nitems:\n"
        for i in 0..<1_000 { text += "  - { <<: *base, k0: own\(i) }\n" }
        let doc = YAML.parse(text)
        #expect(doc.problems.isEmpty)
        let items = try #require(doc.root?["items"]?.sequence)
        #expect(items.count == 1_000 && items.allSatisfy { $0.mapping?.count == 50 })
        #expect(items[7]["k0"]?.text == "own7" && items[7]["k49"]?.text == "49")
    }

    /// Expressions nested or long beyond the bounds are refused with a message.
    @Test func expressionBounds() {
        let deep = String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
        #expect(throws: ExprError.self) { try Expression(parsing: deep) }
        let long = Array(repeating: "1", count: 3_000).joined(separator: " + ")
        #expect(throws: ExprError.self) { try Expression(parsing: long) }
        #expect(throws: Never.self) { try Expression(parsing: "(((1))) + " + Array(repeating: "1", count: 100).joined(separator: " + ")) }
    }
}
