import DubanModel
import HTTPTypes
import Hummingbird

/// The language a page is written in: Chinese unless the reader asks for
/// English (`?lang=en`, remembered in a cookie) or the browser prefers it.
enum PageLanguage: String, Sendable, CaseIterable {
    case zh, en

    static let cookie = "duban_lang"

    init(_ request: Request) {
        if let asked = request.uri.queryParameters.get("lang").flatMap({ PageLanguage(rawValue: String($0)) }) {
            self = asked
        } else if let kept = request.cookies[Self.cookie].flatMap({ PageLanguage(rawValue: $0.value) }) {
            self = kept
        } else {
            // The first language the browser lists decides; 中文 unless it is English.
            let first = (request.headers[.acceptLanguage] ?? "").split(separator: ",").first ?? ""
            self = first.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("en") ? .en : .zh
        }
    }

    /// The `lang` attribute of the page.
    var tag: String { self == .zh ? "zh-CN" : "en" }

    /// The words of the pages in this language, by key.
    var words: [String: String] { self == .zh ? PageWords.zh : PageWords.en }

    func callAsFunction(_ key: String) -> String { words[key] ?? key }

    /// A word with its `%@` and `%d` filled in order.
    func fill(_ key: String, _ args: CustomStringConvertible...) -> String {
        var text = self(key)
        for a in args {
            guard let r = text.range(of: "%@") ?? text.range(of: "%d") else { break }
            text.replaceSubrange(r, with: a.description)
        }
        return text
    }

    /// A document kind's name: its title in this language, else its id.
    func documentKind(_ id: String) -> String {
        DocumentKind.all.first { $0.id == id }.map { self == .zh ? $0.titleZh : $0.titleEn } ?? id
    }

    /// Words of a ledger kind.
    func ledger(_ kind: String) -> String { words["ledger_" + kind] ?? kind }

    /// An event's words: its `title:` in the workflow, else the usual name
    /// of a well-known event, else the name itself.
    func event(_ name: String, title: String? = nil) -> String { title ?? words["event_" + name] ?? name }

    /// "联络员" or "负责人" for a message's recipient role.
    func role(_ role: String) -> String { words["role_" + role] ?? role }
}
