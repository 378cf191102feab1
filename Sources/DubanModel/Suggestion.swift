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

/// Optimal string alignment distance: a swap of two neighbours counts once ("unti" → "unit").
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}
