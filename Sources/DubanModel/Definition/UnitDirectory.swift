import DubanYAML

public struct Person: Sendable, Hashable {
    public var name: String
    public var title: String?
    public var phone: String?
    public var email: String?
}

/// A responsible unit (责任单位) from units.yaml.
public struct UnitRecord: Sendable {
    public var id: String
    public var name: String
    public var head: Person?
    public var contact: Person?
    public var channels: [[String: String]]
    public var mark: Mark
}

/// units.yaml: the office and every responsible unit.
public struct UnitDirectory: Sendable {
    public var office: UnitRecord?
    public var units: [UnitRecord]
    public var file: String

    public func unit(_ id: String) -> UnitRecord? {
        if id == "office" { return office }
        return units.first { $0.id == id }
    }
}
