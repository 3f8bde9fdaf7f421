import FivefoldModel

/// `duplicate.household_id`: one 户编号 on several household records of one source.
///
/// The matcher lines households up by 户编号 and keeps the first record of a source; a later
/// record with the same 户编号 takes no part in the comparison, so it is reported here rather
/// than dropped without a trace. (It was reported as `duplicate.household` until that id was
/// left to its own meaning, one person head of several households.)
public struct RepeatedHouseholdIDRule {
    public static let rule = RuleID.duplicateHouseholdID

    public init() {}

    /// One finding per repeated record; the region comes from the household's case.
    public func check(_ repeated: [HouseholdRecord], cases: [HouseholdCase], sink: inout FindingSink) {
        let regions = Dictionary(cases.map { ($0.householdID, $0.regionCode) }, uniquingKeysWith: { a, _ in a })
        for record in repeated {
            let hid = record.householdID
            sink.emit(Finding(
                rule: Self.rule, severity: .error, regionCode: regions[hid] ?? "", householdID: hid,
                field: FieldID.householdID.rawValue, values: [(record.source, "\(record.location)")], action: .worklist,
                message: "户编号\(hid)在\(record.source.chineseLabel)中重复出现（\(record.location)）：该条记录未参与比对，请核实并合并或更正户编号",
                discriminator: "repeated@\(record.location)"))
        }
    }
}
