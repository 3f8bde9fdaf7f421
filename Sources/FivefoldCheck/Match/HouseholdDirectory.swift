import FivefoldModel

/// What worklists and reports need to know about a household: where it is and who is responsible.
public struct HouseholdDirectory: Sendable {
    public struct Entry: Sendable, Equatable {
        public var township: String
        public var village: String
        public var headName: String
        public var cadreName: String
        public var cadrePhone: String

        public init(township: String, village: String, headName: String, cadreName: String, cadrePhone: String) {
            self.township = township
            self.village = village
            self.headName = headName
            self.cadreName = cadreName
            self.cadrePhone = cadrePhone
        }
    }

    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    public init(cases: [HouseholdCase]) {
        for c in cases { add(c) }
    }

    /// Records a case; system values first, then the other sources in SPEC order.
    public mutating func add(_ c: HouseholdCase) {
        func value(_ f: FieldID) -> String { c.firstValue(f) ?? "" }
        entries[c.householdID] = Entry(
            township: value(.township), village: value(.village), headName: value(.headName),
            cadreName: value(.cadreName), cadrePhone: value(.cadrePhone))
    }

    public subscript(_ householdID: String) -> Entry? { entries[householdID] }
}
