// A unit spelling and how it converts to its field's canonical unit.
//
// Quantities arrive as "1.2万元", "800斤" or "3,500 元"; the canonical model keeps 元, 公斤 and ㎡.
// Factors are exact decimals so that conversion never introduces binary rounding noise.

extension Vocabulary {
    /// One spelling of a unit with its canonical unit and exact conversion factor.
    public struct Unit: Sendable, Hashable {
        /// The spelling as the file gives it (`万元`, `斤`, `m2`).
        public let name: String
        /// The canonical unit it converts to (`元`, `公斤`, `㎡`), as `FieldKind.quantity` names it.
        public let canonical: String
        /// The factor as plain decimal text (`"10000"`, `"0.5"`): value in canonical unit =
        /// number × factor.
        public let factor: String
        /// The factor, exactly.
        let exactFactor: ExactDecimal

        /// A unit, or nil when `factor` is not a plain positive decimal number ("10000", "0.5").
        public init?(name: String, canonical: String, factor: String) {
            guard let exact = ExactDecimal.parse(TextNormalizer.lookupKey(factor)), exact.significand > 0 else {
                return nil
            }
            self.name = name
            self.canonical = canonical
            self.factor = exact.plainText
            self.exactFactor = exact
        }
    }
}
