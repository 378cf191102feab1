import DubanRuntime
import Foundation
import Hummingbird
import NIOCore

/// A request's context: who is asking, once the authenticator has looked.
struct DubanContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel
    var principal: Principal?
    /// How the principal was told: a session cookie asks for CSRF checks.
    var credential: Credential = .none

    enum Credential: Sendable {
        case none, cookie(csrf: String), token, link
    }

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    var remoteAddress: SocketAddress? { channel.remoteAddress }
    var address: String { remoteAddress?.ipAddress ?? "unknown" }

    var responseEncoder: JSONEncoder {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    var requestDecoder: JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }

    /// The caller, or 401.
    func signedIn() throws -> Principal {
        guard let principal else { throw APIError(.unauthorized, AccessError.notSignedIn.description) }
        return principal
    }

    /// A caller that may act (not an office viewer), or 403.
    func actor() throws -> Principal {
        let p = try signedIn()
        guard p.mayAct else { throw APIError(.forbidden, AccessError.readOnly.description) }
        return p
    }

    /// The office (admin or viewer), or 403 naming no unit; `acting` asks for an admin.
    func office(acting: Bool = false) throws -> Principal {
        let p = acting ? try actor() : try signedIn()
        guard p.isOffice else { throw APIError(.forbidden, AccessError.officeOnly.description) }
        return p
    }
}
