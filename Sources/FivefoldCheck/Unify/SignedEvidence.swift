import FivefoldModel

/// The signed field results fed back from worklists (SPEC §5: "a signed field result, fed back
/// in, is the strongest evidence of all"), ready for the rules and resolution to consult.
///
/// A signed value joins the values compared for its (household, member, field) as source
/// `signoff`, which the Resolver trusts above every other source and treats as authoritative; a
/// verdict (属实 / 不属实) marks its finding. When one item was signed several times, the latest
/// signature date wins (then the latest import). A signed value stands until a newer signature
/// for the same field replaces it.
public struct SignedEvidence: Sendable {
    private var values: [String: SignedResult] = [:]
    private var verdicts: [String: SignedResult] = [:]
    /// Every result in effect, in import order.
    public private(set) var results: [SignedResult] = []

    public init(_ results: [SignedResult] = []) {
        for r in results {
            switch r.kind {
            case .value:
                let key = Self.key(r.householdID, r.memberID, FieldID(r.field))
                if values[key].map({ Self.isNewer(r, than: $0) }) ?? true { values[key] = r }
            case .confirmed, .refuted:
                if verdicts[r.findingID].map({ Self.isNewer(r, than: $0) }) ?? true { verdicts[r.findingID] = r }
            }
        }
        self.results = (Array(values.values) + Array(verdicts.values)).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
    }

    public var isEmpty: Bool { results.isEmpty }
    /// Whether any field value is signed (verdicts on findings aside).
    public var hasValues: Bool { !values.isEmpty }

    static func key(_ household: String, _ member: String, _ field: FieldID) -> String {
        household + "\u{1f}" + member + "\u{1f}" + field.rawValue
    }

    static func isNewer(_ a: SignedResult, than b: SignedResult) -> Bool {
        (a.signedOn, a.id ?? 0) > (b.signedOn, b.id ?? 0)
    }

    /// The signed value of a field, if a field team signed one.
    public func value(household: String, member: String, field: FieldID) -> SignedResult? {
        // Asked for every field of every household: skip building the key when nothing is signed.
        guard !values.isEmpty else { return nil }
        return values[Self.key(household, member, field)]
    }

    /// Adds the signed value of a field to the values compared for it (as source `signoff`).
    ///
    /// When the system holds the record but left the field blank, the blank joins the values
    /// too, so that the signed value fills it (a correction from "" to the signed value).
    func append(to list: inout [SourceValue], household: String, member: String, field: FieldID, systemHasRecord: Bool) {
        guard let signed = value(household: household, member: member, field: field) else { return }
        if systemHasRecord && !list.contains(where: { $0.source == .system }) {
            list.insert(SourceValue(source: .system, normalized: "", raw: ""), at: 0)
        }
        var value = SourceValue(source: .signoff, normalized: signed.value, raw: signed.value)
        value.attribution = signed.attribution
        list.append(value)
    }

    /// Marks the findings field teams signed 属实 (still to rectify) or 不属实 (taken off the
    /// worklists, kept in findings.csv as `info`).
    public func annotate(_ findings: inout [Finding]) {
        guard !verdicts.isEmpty else { return }
        for i in findings.indices {
            guard let verdict = verdicts[findings[i].id] else { continue }
            if verdict.kind == .refuted {
                if findings[i].action == .worklist { findings[i].action = .info }
                findings[i].message += "；经核实不属实（\(verdict.attribution)），不再列入核实清单"
            } else {
                findings[i].message += "；经核实属实（\(verdict.attribution)），请整改"
            }
        }
    }

    /// The findings with the verdicts applied.
    public func annotated(_ findings: [Finding]) -> [Finding] {
        var copy = findings
        annotate(&copy)
        return copy
    }

    /// XXH64 over the results in effect: part of a run's identity (a new signature makes the
    /// next run a new run, not a repeat).
    public var fingerprint: String {
        var h = XXHash64()
        for r in results {
            h.update([String(r.id ?? 0), r.findingID, r.kind.rawValue, r.value, r.signer, r.signedOn].joined(separator: "\u{1f}") + "\n")
        }
        return h.hexDigest()
    }
}
