import DubanModel
@testable import DubanServer
import Foundation
import Testing

/// The pages' words and forms, without a server.
@Suite struct PageWordsTests {
    /// Every `{{t.KEY}}` the templates use has words in Chinese and in
    /// English, and the two languages have the same keys.
    @Test func everyWordInBothLanguages() throws {
        #expect(Set(PageWords.zh.keys) == Set(PageWords.en.keys),
                "\(Set(PageWords.zh.keys).symmetricDifference(PageWords.en.keys).sorted())")
        #expect(PageWords.zh.keys.allSatisfy { !$0.contains(".") }, "Mustache reads a dot as a path")
        let pattern = try Regex(#"\{\{t\.([a-z_]+)\}\}"#)
        for (name, text) in WebAssets.templates {
            for match in text.matches(of: pattern) {
                let key = String(match.output[1].substring ?? "")
                #expect(PageWords.zh[key] != nil, "web/templates/\(name).mustache uses t.\(key), which has no words")
            }
        }
    }

    /// A declaration becomes the field a person expects: a date picker, a
    /// select of an enum's values, a text area, a file input; a unit field
    /// is a select for the office and plain text for a unit's reader.
    @Test(arguments: [
        (ValueType.date, "date", false, false, false),
        (.datetime, "datetime-local", false, false, false),
        (.text, nil, true, false, false),
        (.enumeration(["合格", "不合格"]), nil, false, true, false),
        (.file, nil, false, false, true),
        (.int, "number", false, false, false),
        (.bool, nil, false, true, false),
    ] as [(ValueType, String?, Bool, Bool, Bool)])
    func fieldForType(_ type: ValueType, _ input: String?, _ textarea: Bool, _ select: Bool, _ file: Bool) {
        let f = FormField(VariableDecl(name: "x", type: type, required: true, title: "标题", mark: Mark(line: 1, column: 1)),
                          units: [], language: .zh)
        #expect(f.input == input && f.textarea == textarea && f.select == select && f.file == file)
        #expect(f.label == "标题" && f.required)
    }

    /// URL-encoded forms decode `+` and percent escapes; the first of a repeated field counts.
    @Test func urlEncodedForms() {
        #expect(PageForm.urlEncoded("name=wang.fang&password=a+b%26c&name=other") == ["name": "wang.fang", "password": "a b&c"])
    }

    /// A form's token is claimed once: sent again it leads where the first
    /// led; a failed act releases it.
    @Test func onceForms() {
        let forms = OnceForms()
        #expect(forms.claim("a") == .new)
        #expect(forms.claim("a") == .pending)
        forms.finish("a", location: "/matters/7")
        #expect(forms.claim("a") == .done(location: "/matters/7"))
        #expect(forms.claim("b") == .new)
        forms.finish("b", location: nil)
        #expect(forms.claim("b") == .new)
        #expect(forms.claim(nil) == .new && forms.claim(nil) == .new)
    }
}
