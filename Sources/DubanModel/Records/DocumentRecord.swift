/// A numbered document as issued: `content` holds the rendered text and
/// frame (JSON of an IssuedDocument), fixed in the step that numbered it.
public struct DocumentRecord: Sendable, Hashable {
    public var id: Int64
    public var kind: String
    public var year: Int
    public var number: Int
    public var instance: String
    /// The unit the document is about.
    public var unit: String?
    public var to: String?
    public var cc: [String]
    public var created: Instant
    public var title: String
    public var content: String

    public init(id: Int64 = 0, kind: String, year: Int, number: Int, instance: String, unit: String? = nil, to: String?, cc: [String],
                created: Instant, title: String = "", content: String = "") {
        self.id = id
        self.kind = kind
        self.year = year
        self.number = number
        self.instance = instance
        self.unit = unit
        self.to = to
        self.cc = cc
        self.created = created
        self.title = title
        self.content = content
    }
}

public struct DocumentFilter: Sendable {
    public var kind: String?
    public var unit: String?
    public var instance: String?

    public init(kind: String? = nil, unit: String? = nil, instance: String? = nil) {
        self.kind = kind
        self.unit = unit
        self.instance = instance
    }
}
