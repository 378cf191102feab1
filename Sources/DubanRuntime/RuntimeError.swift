import DubanEngine
import DubanModel
import DubanStore

/// Why the runtime refused: each says what to do. Nothing was written.
public enum RuntimeError: Error, Sendable, CustomStringConvertible {
    case invalidDefinitions([Diagnostic], sources: [SourceFile])
    case storedDefinitionsInvalid([String])
    case versionConflict(workflow: String, version: Int, file: String)
    case nothingDeployed
    case unknownWorkflow(String, known: [String])
    case unknownInstance(String)
    case unknownUnit(String, known: [String])
    case refused(EngineError)
    case rows([String])
    case migration([String])
    case documentWithoutText(kind: String, year: Int, number: Int)
    case unknownMessage(Int64)
    case unknownDocumentKind(String, known: [String])
    /// A document the act would issue lacks a core fact (the text says which).
    case incompleteDocument(String)
    /// A tick whose oldest due work lies further back than the catch-up span.
    case tooMuchAtOnce(timers: Int, starts: Int, cap: Int, since: Instant, now: Instant, span: Int64)
    /// The matter moved on after the sender last saw it (a double click, a
    /// resubmitted form, a colleague acting first): nothing was done.
    case changedSince(String)
    /// The database could not be opened or refused a statement.
    case database(StoreError)
    /// `db copy` refused or found its copy unfaithful; the reason says which side and what.
    case copy(String)

    public var description: String {
        switch self {
        case .invalidDefinitions(let d, _):
            return "\(d.filter { $0.severity == .error }.count) error(s) in the definitions: nothing was deployed"
        case .storedDefinitionsInvalid(let lines):
            return "the deployed definitions no longer load (was the database edited?):\n" + lines.joined(separator: "\n")
        case .versionConflict(let w, let v, let file):
            return "\(file): version \(v) of '\(w)' is already deployed with different content; raise 'version:' to deploy a change (running instances keep their version)"
        case .nothingDeployed:
            return "nothing is deployed in this database yet: run 'duban deploy workflows/' first"
        case .unknownWorkflow(let w, let known):
            return "no workflow '\(w)' is deployed\(suggestion(w, known)); deployed: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
        case .unknownInstance(let id):
            return "no instance '\(id)': 'duban list' shows the instances"
        case .unknownUnit(let u, let known):
            return "unknown unit '\(u)'\(suggestion(u, known)): not in units.yaml"
        case .refused(let e):
            return e.description
        case .rows(let problems):
            return "nothing was started; fix these rows:\n" + problems.joined(separator: "\n")
        case .migration(let problems):
            return "nothing was migrated:\n" + problems.joined(separator: "\n")
        case .unknownDocumentKind(let kind, let known):
            return "no document kind '\(kind)'\(suggestion(kind, known)); the kinds are \(known.joined(separator: ", "))"
        case .incompleteDocument(let text):
            return text
        case .unknownMessage(let id):
            return "no outbox message \(id): 'duban outbox' lists them"
        case .changedSince(let id):
            return "matter \(id) has changed since you opened it, so nothing was done: look at it again before acting"
        case .database(let e):
            return e.description
        case .copy(let reason):
            return reason
        case .tooMuchAtOnce(let timers, let starts, let cap, let since, let now, let span):
            func count(_ n: Int) -> String { n >= cap ? "more than \(cap)" : String(n) }
            return "nothing was done: this tick at \(Zone.shanghai.short(now)) would fire \(count(timers)) timer(s) and start "
                + "\(count(starts)) scheduled instance(s), work due since \(Zone.shanghai.short(since)), more than \(span / 86400) days "
                + "at once. If the clock is wrong (or --now), correct it; if the server was down that long, run the tick with --catch-up"
        case .documentWithoutText(let kind, let year, let number):
            return "\(kind) \(year) no. \(number) was numbered before this version of duban kept document text; render a draft with --draft"
        }
    }
}
