import FivefoldModel

/// Decides whether two normalised values of one field agree, per the field's comparator.
public struct ValueComparator: Sendable {
    public let policy: FieldPolicy

    public init(policy: FieldPolicy) { self.policy = policy }

    public func agree(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        switch policy.comparator {
        case .exact:
            return false
        case .date:
            // A birth month alone (`yyyy-MM`) agrees with every day of that month.
            guard a.utf8.count == 7 || b.utf8.count == 7, let x = BirthDate(normalized: a), let y = BirthDate(normalized: b) else { return false }
            return x.agrees(with: y)
        case .text:
            return Self.folded(a) == Self.folded(b)
        case .numeric:
            guard let x = Double(a), let y = Double(b) else { return false }
            let diff = abs(x - y)
            if diff <= policy.absoluteTolerance { return true }
            return diff <= policy.relativeTolerance * max(abs(x), abs(y))
        case .set:
            return Self.items(a) == Self.items(b)
        }
    }

    /// Groups values into clusters of agreeing values; each cluster lists its sources, in input order.
    ///
    /// For dates, full dates are clustered before months alone: a month agrees with two
    /// different days of it, which do not agree with each other, so a month heading a cluster
    /// would join them. A month joins the first cluster of a day in it (that day is the
    /// cluster's value), else its own.
    public func clusters(_ values: [(source: SourceID, value: String)]) -> [(value: String, sources: [SourceID])] {
        if policy.comparator == .date, values.contains(where: { $0.value.utf8.count == 7 }) {
            let order = values.indices.filter { values[$0].value.utf8.count != 7 } + values.indices.filter { values[$0].value.utf8.count == 7 }
            let grouped = greedyClusters(order.map { values[$0] })
            // Back to input order, within clusters and of clusters (by their first source).
            let rank = Dictionary(values.enumerated().map { ($1.source, $0) }, uniquingKeysWith: { a, _ in a })
            return grouped.map { ($0.value, $0.sources.sorted { rank[$0, default: 0] < rank[$1, default: 0] }) }
                .sorted { rank[$0.sources[0], default: 0] < rank[$1.sources[0], default: 0] }
        }
        return greedyClusters(values)
    }

    private func greedyClusters(_ values: [(source: SourceID, value: String)]) -> [(value: String, sources: [SourceID])] {
        var result: [(value: String, sources: [SourceID])] = []
        for (source, value) in values {
            if let i = result.firstIndex(where: { agree($0.value, value) }) {
                result[i].sources.append(source)
            } else {
                result.append((value, [source]))
            }
        }
        return result
    }

    static func folded(_ s: String) -> String {
        String(s.unicodeScalars.filter { !$0.properties.isWhitespace && !$0.properties.generalCategory.isPunctuation }
            .map { Character($0) }).lowercased()
    }

    /// Set items, each folded like a name key (spaces and middle-dot variants dropped) so that
    /// 阿依古丽．买买提 on a wall card is the same person as 阿依古丽·买买提.
    static func items(_ s: String) -> Set<String> {
        Set(s.split(whereSeparator: { "、,，;；".contains($0) }).map { NameSimilarity.key(String($0)) }.filter { !$0.isEmpty })
    }
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}

extension Substring {
    var trimmingSpaces: String {
        var s = self
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
