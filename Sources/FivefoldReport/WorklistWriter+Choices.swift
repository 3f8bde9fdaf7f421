import FivefoldModel
import FivefoldLedger

extension WorklistWriter {
    /// The 核实结果 values offered in the `.xlsx` worklist's drop-down for an item: the code list
    /// of the item's field (from the vocabulary) plus 属实 / 不属实, or only those two for an item
    /// about no field; nil where the field takes free values (numbers, names, dates), which get
    /// no list. Every value offered is one `fivefold signoff` accepts for the item.
    ///
    /// - Parameters:
    ///   - field: the finding's canonical field (empty for none).
    ///   - memberID: the finding's member (empty for a household finding), which decides whether
    ///     the field is read as a household or a member field, as the sign-off reads it.
    public static func verificationChoices(field: String, memberID: String, vocabulary: Vocabulary) -> [String]? {
        let verdicts = [SignoffImporter.confirmed, SignoffImporter.refuted]
        guard !field.isEmpty else { return verdicts }
        let level: FieldLevel = memberID.isEmpty ? .household : .member
        guard let spec = FieldCatalog.spec(FieldID(field), level: level) else { return verdicts }
        switch spec.kind {
        case .enumeration(let name):
            guard let table = vocabulary.table(name) else { return nil }
            return table.values + verdicts
        case .boolean:
            return (vocabulary.table("boolean")?.values ?? ["是", "否"]) + verdicts
        default:
            return nil
        }
    }
}
