/// ` (did you mean 'x'?)` when a close enough name exists, else "".
public func suggestion(_ word: String, _ candidates: [String]) -> String {
    guard let best = closest(word, candidates) else { return "" }
    return " (did you mean '\(best)'?)"
}

/// The candidate nearest by edit distance, if it is near enough to be a typo.
public func closest(_ word: String, _ candidates: [String]) -> String? {
    let w = Array(word.lowercased())
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(w, Array(c.lowercased()))
        if d <= max(1, min(w.count, c.count) / 3), best == nil || d < best!.1 { best = (c, d) }
    }
    return best?.0
}

func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var row = Array(0...b.count)
    for i in 1...a.count {
        var prev = row[0]
        row[0] = i
        for j in 1...b.count {
            let cur = row[j]
            row[j] = a[i - 1] == b[j - 1] ? prev : 1 + min(prev, row[j], row[j - 1])
            prev = cur
        }
    }
    return row[b.count]
}
