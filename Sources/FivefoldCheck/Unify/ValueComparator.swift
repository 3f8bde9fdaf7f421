import FivefoldModel

/// Decides whether two normalised values of one field agree, per the field's comparator.
public struct ValueComparator: Sendable {
    public let policy: FieldPolicy

    public init(policy: FieldPolicy) { self.policy = policy }

    public func agree(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        switch policy.comparator {
        case .exact, .date:
            return false
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
    public func clusters(_ values: [(source: SourceID, value: String)]) -> [(value: String, sources: [SourceID])] {
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
