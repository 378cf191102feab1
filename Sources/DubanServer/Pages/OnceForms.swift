import Foundation
import Hummingbird
import Synchronization

/// Forms that start matters or issue documents carry a one-time `_once`
/// token. Sent again (a double click, the back button and a resubmit), such
/// a form leads to what its first sending made, and makes nothing more.
/// Kept in memory, for the most recent forms: a form is sent again within
/// minutes, not after a restart.
final class OnceForms: Sendable {
    enum Seen: Equatable {
        /// First time: act, then `finish` with where it led.
        case new
        /// Sent before and still being acted on.
        case pending
        case done(location: String)
    }

    static let field = "_once"
    static let kept = 10_000

    private let state = Mutex<(entries: [String: String?], order: [String])>(([:], []))

    /// Claims a token; nil tokens (a form without one) are always new.
    func claim(_ token: String?) -> Seen {
        guard let token, !token.isEmpty else { return .new }
        return state.withLock { s in
            if let entry = s.entries[token] { return entry.map { .done(location: $0) } ?? .pending }
            s.entries[token] = .some(nil)
            s.order.append(token)
            if s.order.count > Self.kept { s.entries[s.order.removeFirst()] = nil }
            return .new
        }
    }

    /// Where the form led; a failed act releases the token, so the form may be sent again.
    func finish(_ token: String?, location: String?) {
        guard let token, !token.isEmpty else { return }
        state.withLock { s in
            if let location { s.entries[token] = .some(location) } else { s.entries[token] = nil }
        }
    }
}

extension API {
    /// Acts once per form: `act` returns the page to go to.
    func once(_ form: PageForm, _ act: () async throws -> String) async throws -> Response {
        let token = form.fields[OnceForms.field]
        switch onceForms.claim(token) {
        case .done(let location): return Self.redirect(location)
        case .pending: throw APIError(.conflict, "this form is already being sent: wait a moment, then reload the page")
        case .new: break
        }
        do {
            let location = try await act()
            onceForms.finish(token, location: location)
            return Self.redirect(location)
        } catch {
            onceForms.finish(token, location: nil)
            throw error
        }
    }
}
