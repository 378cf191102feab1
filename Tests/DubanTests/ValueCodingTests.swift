import DubanLanguage
import DubanModel
import Foundation
import Testing

@Suite("Stored values")
struct ValueCodingTests {
    /// Every kind of value comes back as it was stored, with its type, including
    /// text that needs escaping, CJK, the extreme integers and nested lists.
    @Test func roundTrip() throws {
        let values: [String: Value] = [
            "unit": .unit("城管局"),
            "problem": .text("占道经营 \"夜市\"\\ 第一行\n第二行\t\r\u{1}\u{1f}"),
            "empty": .text(""),
            "n": .int(-42), "max": .int(.max), "min": .int(.min),
            "ok": .bool(true), "no": .bool(false),
            "deadline": .date(Day(year: 2026, month: 5, day: 8)),
            "due": .datetime(Instant(seconds: 1_773_655_200)),
            "within": .duration(WorkDuration(5, .workdays)),
            "nothing": .null,
            "units": .list([.unit("u1"), .list([]), .list([.int(1), .text("a,b}")]), .null]),
        ]
        let text = ValueCoding.encode(values)
        #expect(try ValueCoding.decode(text) == values)
        #expect(try ValueCoding.decode("{}") == [:])
        // Whitespace between tokens is allowed (hand-edited or pretty-printed rows).
        #expect(try ValueCoding.decode(#" { "n" : { "int" : 3 } , "u" : null } "#) == ["n": .int(3), "u": .null])
    }

    /// The byte writers of audit records: JSON strings escape only quote,
    /// backslash and control characters (CJK passes through as UTF-8), and
    /// integers read the same as Swift prints them, the extremes included.
    @Test func byteWriters() {
        var json: [UInt8] = []
        json.appendJSONString("a\"b\\c\nd\re\tf\u{1}g\u{1f}城")
        #expect(String(decoding: json, as: UTF8.self) == #""a\"b\\c\nd\re\tf\u0001g\u001f城""#)
        for n: Int64 in [0, 7, -1, 1_773_655_200, .max, .min] {
            var digits: [UInt8] = []
            digits.appendDecimal(n)
            #expect(String(decoding: digits, as: UTF8.self) == String(n))
        }
    }

    /// A corrupt row is refused with a message, never read as something else.
    @Test(arguments: [
        "", "[]", "{", #"{"n"}"#, #"{"n":}"#, #"{"n":{"int":"3"}}"#, #"{"n":{"int":3,"text":"x"}}"#,
        #"{"n":{"int":99999999999999999999}}"#, #"{"n":{"date":"2026-13-01"}}"#, #"{"n":{"duration":"5x"}}"#,
        #"{"n":{"colour":"red"}}"#, #"{"n":{"text":"unclosed}}"#, #"{"n":{"bool":yes}}"#, #"{"n":{"list":[{"int":1},]}}"#,
        #"{"n":{"int":1}"#, #"{"n":nul}"#,
    ])
    func malformed(_ text: String) {
        #expect(throws: ValueCoding.DecodingError.self) { try ValueCoding.decode(text) }
    }
}
