import CLibYAML

/// Reads YAML text through libyaml's event parser and composes the first
/// document into `Node`s, each carrying the line and column where it starts.
///
/// Syntax errors stop the read and come back as a problem with libyaml's
/// position; duplicate keys and unknown aliases are reported and reading goes on,
/// so a validator can show every mistake at once.
public enum YAML {
    /// Nesting deeper than this is refused: composing recurses once a level,
    /// and no real definition comes near it.
    public static let maxDepth = 200
    /// Nodes a document may expand to, aliases and merge keys counted as
    /// copies: bounds what a "billion laughs" file costs every later reader.
    public static let maxNodes = 200_000

    public static func parse(_ text: String) -> YAMLDocument {
        var composer = Composer()
        return composer.run(text)
    }
}

private struct Composer {
    var parser = yaml_parser_t()
    var anchors: [String: Node] = [:]
    var problems: [YAMLProblem] = []
    var depth = 0
    /// Nodes composed so far, an alias counting as the nodes it copies.
    var nodes = 0

    /// libyaml reports a syntax error; we stop there.
    struct SyntaxError: Error { var problem: YAMLProblem }

    mutating func run(_ text: String) -> YAMLDocument {
        guard yaml_parser_initialize(&parser) == 1 else {
            return YAMLDocument(root: nil, problems: [YAMLProblem("could not start the YAML parser", at: Position(line: 1, column: 1))])
        }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> YAMLDocument in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            do {
                let root = try composeStream()
                return YAMLDocument(root: root, problems: problems)
            } catch let error as SyntaxError {
                return YAMLDocument(root: nil, problems: problems + [error.problem])
            } catch {
                return YAMLDocument(root: nil, problems: problems)
            }
        }
    }

    /// One libyaml event, copied out of C memory so it can be freed at once.
    struct Event {
        enum Kind { case streamStart, streamEnd, documentStart, documentEnd, alias, scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd, none }
        var kind: Kind
        var position: Position
        var anchor: String?
        var tag: String?
        var value: String = ""
        var style: Scalar.Style = .plain
    }

    mutating func next() throws -> Event {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
            let position = Position(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
            var message = parser.problem.map { String(cString: $0) } ?? "the YAML could not be read"
            if let context = parser.context.map({ String(cString: $0) }) {
                message += " (\(context) at line \(parser.context_mark.line + 1))"
            }
            throw SyntaxError(problem: YAMLProblem("YAML syntax: \(message)", at: position))
        }
        defer { yaml_event_delete(&event) }
        let position = Position(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        }
        switch event.type {
        case YAML_STREAM_START_EVENT: return Event(kind: .streamStart, position: position)
        case YAML_STREAM_END_EVENT: return Event(kind: .streamEnd, position: position)
        case YAML_DOCUMENT_START_EVENT: return Event(kind: .documentStart, position: position)
        case YAML_DOCUMENT_END_EVENT: return Event(kind: .documentEnd, position: position)
        case YAML_ALIAS_EVENT:
            return Event(kind: .alias, position: position, anchor: string(event.data.alias.anchor))
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
            let style: Scalar.Style
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .quoted
            case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: style = .block
            default: style = .plain
            }
            return Event(kind: .scalar, position: position, anchor: string(s.anchor), tag: string(s.tag), value: value, style: style)
        case YAML_SEQUENCE_START_EVENT:
            return Event(kind: .sequenceStart, position: position, anchor: string(event.data.sequence_start.anchor), tag: string(event.data.sequence_start.tag))
        case YAML_SEQUENCE_END_EVENT: return Event(kind: .sequenceEnd, position: position)
        case YAML_MAPPING_START_EVENT:
            return Event(kind: .mappingStart, position: position, anchor: string(event.data.mapping_start.anchor), tag: string(event.data.mapping_start.tag))
        case YAML_MAPPING_END_EVENT: return Event(kind: .mappingEnd, position: position)
        default: return Event(kind: .none, position: position)
        }
    }

    mutating func composeStream() throws -> Node? {
        var root: Node?
        var documents = 0
        while true {
            let event = try next()
            switch event.kind {
            case .streamEnd:
                return root
            case .documentStart:
                documents += 1
                anchors = [:]
                let node = try composeNode(try next())
                if documents == 1 {
                    root = node
                } else {
                    problems.append(YAMLProblem("a file holds one document; this second one ('---') is not read", at: event.position))
                }
                _ = try next() // document end
            default:
                continue
            }
        }
    }

    /// Counts `n` more nodes against the document's bound.
    mutating func grow(_ n: Int, at position: Position) throws {
        nodes += n
        guard nodes <= YAML.maxNodes else {
            throw SyntaxError(problem: YAMLProblem(
                "the document expands to more than \(YAML.maxNodes) nodes (aliases and merge keys count as copies): "
                    + "write it out, or share less through anchors", at: position))
        }
    }

    mutating func composeNode(_ event: Event) throws -> Node {
        depth += 1
        defer { depth -= 1 }
        guard depth <= YAML.maxDepth else {
            throw SyntaxError(problem: YAMLProblem("nested more than \(YAML.maxDepth) levels deep: no definition needs this", at: event.position))
        }
        switch event.kind {
        case .alias:
            guard let name = event.anchor, let node = anchors[name] else {
                problems.append(YAMLProblem("unknown alias '*\(event.anchor ?? "")': no anchor '&\(event.anchor ?? "")' before it", at: event.position))
                return Node(.scalar(Scalar(text: "", style: .plain)), at: event.position)
            }
            try grow(node.size, at: event.position)
            var copy = node
            copy.position = event.position
            return copy
        case .scalar:
            try grow(1, at: event.position)
            let scalar = Scalar(text: event.value, style: event.style, tag: event.tag)
            if let mismatch = scalar.tagMismatch { problems.append(YAMLProblem(mismatch, at: event.position)) }
            let node = Node(.scalar(scalar), at: event.position)
            remember(node, as: event.anchor)
            return node
        case .sequenceStart:
            try grow(1, at: event.position)
            var items: [Node] = []
            while true {
                let e = try next()
                if e.kind == .sequenceEnd { break }
                items.append(try composeNode(e))
            }
            let node = Node(.sequence(items), at: event.position)
            remember(node, as: event.anchor)
            return node
        case .mappingStart:
            try grow(1, at: event.position)
            var pairs: [Node.Pair] = []
            var seen: [Scalar.Value: Position] = [:]
            var merged: [Node.Pair] = []
            while true {
                let e = try next()
                if e.kind == .mappingEnd { break }
                let key = try composeNode(e)
                let value = try composeNode(try next())
                if let s = key.scalar, s.style == .plain, s.text == "<<" {
                    // Counted already: as the alias it copies, or as written.
                    merged += mergePairs(value)
                    continue
                }
                if let s = key.scalar {
                    if let first = seen[s.resolved] {
                        problems.append(YAMLProblem("duplicate key '\(s.text)': it is already set at line \(first.line), column \(first.column)", at: key.position))
                        continue
                    }
                    seen[s.resolved] = key.position
                }
                pairs.append(Node.Pair(key: key, value: value))
            }
            // Keys written in the mapping win over merged ones (`<<: *defaults`),
            // and of merged ones the first given; a set keeps this linear.
            var taken = Set(pairs.compactMap { $0.key.scalar?.resolved })
            for pair in merged {
                guard let key = pair.key.scalar?.resolved else { continue }
                if taken.insert(key).inserted { pairs.append(pair) }
            }
            let node = Node(.mapping(pairs), at: event.position)
            remember(node, as: event.anchor)
            return node
        default:
            throw SyntaxError(problem: YAMLProblem("unexpected YAML event", at: event.position))
        }
    }

    mutating func mergePairs(_ value: Node) -> [Node.Pair] {
        switch value.kind {
        case .mapping(let pairs): return pairs
        case .sequence(let items): return items.flatMap { $0.mapping ?? [] }
        case .scalar:
            problems.append(YAMLProblem("a merge key '<<' takes a mapping or a list of mappings", at: value.position))
            return []
        }
    }

    mutating func remember(_ node: Node, as anchor: String?) {
        if let anchor { anchors[anchor] = node }
    }
}
