import DubanEngine
import DubanModel

extension SQLiteStore {
    /// A tick's batch on two cores: the caller's steps run on a worker thread
    /// while this thread carries out their writes (`WriteBehindSession`). The
    /// worker reads the instances it fires on, a chunk at a time, on a
    /// connection of its own (`readBeside`), so this thread only writes. That
    /// connection sees what is committed: earlier batches, and no other
    /// writer, since this transaction holds the write lock. An instance a step
    /// of this batch wrote, and a later timer fires on, is taken as written.
    public func fireDueTimers<T>(at now: Instant, limit: Int, _ body: @escaping (any TimerBatch) throws -> T) throws -> T {
        try writeSession { session in
            try WriteBehindSession.run(on: session) { writer in
                let due = try writer.dueTimers(at: now, limit: limit)
                var seen = Set<String>(minimumCapacity: due.count)
                writer.pipe.repeats = Set(due.map(\.instance).filter { !seen.insert($0).inserted })
                let rows = ChunkedRows(store: self, due: due, repeats: !writer.pipe.repeats.isEmpty)
                let batch = ClaimedTimers(session: writer, due: due) { position in
                    let id = due[position].instance
                    writer.pipe.firing = id
                    if let fresher = writer.pipe.written.isEmpty ? nil : writer.pipe.written[id] { return fresher }
                    return try rows.instance(at: position)
                }
                return try body(batch)
            }
        }
    }

    /// Instances read at a time: one query each.
    static let chunk = 250
}

/// The instances a batch fires on, read beside the write a chunk at a time
/// and decoded on the worker.
final class ChunkedRows {
    private let store: SQLiteStore
    private let due: [DueTimer]
    /// Whether an instance has more than one timer in the batch: the query
    /// returns an instance's timers once per mention, so ids are asked once.
    private let repeats: Bool
    private var chunk = -1
    private var rows: [String: StoredInstance] = [:]

    init(store: SQLiteStore, due: [DueTimer], repeats: Bool) {
        self.store = store
        self.due = due
        self.repeats = repeats
    }

    func instance(at position: Int) throws -> Instance? {
        let wanted = position / SQLiteStore.chunk
        if wanted != chunk {
            let slice = due[(wanted * SQLiteStore.chunk)..<min((wanted + 1) * SQLiteStore.chunk, due.count)]
            let ids = repeats ? Array(Set(slice.map(\.instance))) : slice.map(\.instance)
            rows = try store.readBeside { try $0.storedInstances(ids: ids) }
            chunk = wanted
        }
        return try rows[due[position].instance]?.decoded()
    }
}
