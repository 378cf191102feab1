/// A 公文 title broken into lines at word boundaries (GB/T 9704-2012 7.3.1:
/// 回行时要做到词意完整，排列对称): never inside a word, the lines as even
/// as the words allow, the longer line first. Words are the stock words of
/// titles; a run of other characters (a unit's name, 第三次) is kept whole.
enum TitleLines {
    /// Words titles are built from, longest first where one begins another.
    static let words: [String] = [
        "关于", "对于", "督促", "限期完成", "限期", "完成", "整改", "予以", "启动", "问责", "程序", "建议书", "建议",
        "督办通知单", "通知单", "约谈通知书", "通知书", "通知", "通报批评", "通报", "批评", "问题", "发现", "督查",
        "创建工作", "创建", "工作", "推进情况", "推进", "情况", "调度会", "会议纪要", "纪要", "存在", "落实", "的", "对",
    ].sorted { $0.count > $1.count }

    /// `limit`: characters to a line (20 of 二号 to the 156 mm block).
    static func split(_ title: String, limit: Int = 20) -> [String] {
        let chars = Array(title)
        guard chars.count > limit else { return [title] }
        let breaks = boundaries(chars)
        // The fewest lines, then the most even, then the longer line first.
        for count in 2...max(2, chars.count / max(1, limit / 2) + 1) {
            if let best = bestSplit(chars, breaks: breaks, lines: count, limit: limit) {
                return best.map { String($0) }
            }
        }
        // No word boundary fits (one long name): break at the limit.
        return stride(from: 0, to: chars.count, by: limit).map { String(chars[$0..<min($0 + limit, chars.count)]) }
    }

    /// Offsets where a line may break: between words, never before 的.
    static func boundaries(_ chars: [Character]) -> [Int] {
        var cuts: [Int] = []
        var i = 0
        var inOther = false
        while i < chars.count {
            if let w = words.first(where: { matches($0, chars, at: i) }) {
                if inOther { cuts.append(i) }
                cuts.append(i + w.count)
                i += w.count
                inOther = false
            } else {
                i += 1
                inOther = true
            }
        }
        return Array(Set(cuts.filter { $0 > 0 && $0 < chars.count && chars[$0] != "的" })).sorted()
    }

    static func matches(_ word: String, _ chars: [Character], at i: Int) -> Bool {
        let w = Array(word)
        return i + w.count <= chars.count && Array(chars[i..<(i + w.count)]) == w
    }

    static func bestSplit(_ chars: [Character], breaks: [Int], lines: Int, limit: Int) -> [ArraySlice<Character>]? {
        var best: (score: [Int], parts: [ArraySlice<Character>])?
        func search(_ start: Int, _ parts: [ArraySlice<Character>]) {
            if parts.count == lines - 1 {
                let last = chars[start...]
                guard last.count <= limit else { return }
                let all = parts + [last]
                let lengths = all.map(\.count)
                // Evenness first; then the earlier lines longer (a 梯形 standing on its wide side reads top-down).
                let score = [lengths.max()! - lengths.min()!] + lengths.map { -$0 }
                if best == nil || score.lexicographicallyPrecedes(best!.score) { best = (score, all) }
                return
            }
            for cut in breaks where cut > start && cut - start <= limit {
                search(cut, parts + [chars[start..<cut]])
            }
        }
        search(0, [])
        return best?.parts
    }
}
