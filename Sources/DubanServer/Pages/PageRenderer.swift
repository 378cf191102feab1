import Foundation
import Mustache

/// The pages' templates (web/templates, built in by scripts/embed),
/// compiled once; each page is a template that fills `layout`'s `main`.
enum PageRenderer {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in WebAssets.templates {
            // A template that does not compile is a build mistake: a test renders every page.
            do { try library.register(text, named: name) } catch { fatalError("web/templates/\(name).mustache: \(error)") }
        }
        return library
    }()

    static func render(_ name: String, _ frame: some Sendable) -> String {
        library.render(frame, withTemplate: name) ?? "template \(name) is missing"
    }
}

/// What every page shows around its own part: the language, the words,
/// who is signed in, the menu, a notice or an error.
struct PageFrame<Body: Sendable>: Sendable {
    struct Link: Sendable {
        var href: String
        var label: String
        var current = false
    }

    struct Person: Sendable {
        var name: String
        var unitName: String?
    }

    var lang: String
    var t: [String: String]
    var title: String
    var user: Person?
    var csrf: String
    /// This page's forms' one-time token (`OnceForms`).
    var once = UUID().uuidString
    var nav: [Link]
    var otherLanguage: Link
    var notice: String?
    var error: String?
    var body: Body
}
