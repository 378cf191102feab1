@testable import DubanDocuments
import Testing

@Suite("Titles broken at words") struct TitleLinesTests {
    /// A title longer than a line breaks between words, evenly, the longer line first; never inside a unit's name or before 的.
    @Test(arguments: [
        ("关于督促区城市管理委员会限期完成整改的督办通知单", ["关于督促区城市管理委员会", "限期完成整改的督办通知单"]),
        ("关于对区城市管理委员会启动问责程序的建议书", ["关于对区城市管理委员会", "启动问责程序的建议书"]),
        ("关于督促区公安分局限期完成整改的督办通知单", ["关于督促区公安分局", "限期完成整改的督办通知单"]),
        ("约谈通知书", ["约谈通知书"]),
    ])
    func split(title: String, lines: [String]) {
        #expect(TitleLines.split(title) == lines)
        #expect(TitleLines.split(title).joined() == title)
    }

    /// A run of characters no word bounds (one long name) still fits: it breaks at the limit.
    @Test func longNameFallsBackToTheLimit() {
        let name = String(repeating: "甲乙丙丁戊", count: 6)
        let lines = TitleLines.split(name)
        #expect(lines.allSatisfy { $0.count <= 20 } && lines.joined() == name)
    }
}
