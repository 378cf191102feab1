import Foundation

/// Where secrets come from: the environment, then a secrets file of
/// `NAME=value` lines (`--secrets FILE` or $DUBAN_SECRETS; keep it mode 600).
public struct Secrets: Sendable {
    let environment: [String: String]
    let file: [String: String]

    public init(environment: [String: String], file: [String: String] = [:]) {
        self.environment = environment
        self.file = file
    }

    /// Reads a secrets file; a malformed line is named by its number.
    public static func load(file path: String?, environment: [String: String]) throws -> Secrets {
        guard let path else { return Secrets(environment: environment) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DeliveryError("cannot read the secrets file \(path)", transient: false)
        }
        var values: [String: String] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "="), eq != line.startIndex else {
                throw DeliveryError("\(path):\(i + 1): expected NAME=value", transient: false)
            }
            values[String(line[..<eq]).trimmingCharacters(in: .whitespaces)] = String(line[line.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
        }
        return Secrets(environment: environment, file: values)
    }

    public func value(_ name: String) throws -> String {
        if let v = environment[name], !v.isEmpty { return v }
        if let v = file[name], !v.isEmpty { return v }
        throw DeliveryError("the secret \(name) is not set: export it, or put \(name)=… in the secrets file", transient: false)
    }
}
