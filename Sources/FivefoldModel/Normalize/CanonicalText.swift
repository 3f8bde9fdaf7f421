import Foundation

/// Equality of canonical values (vocabulary labels such as 户主 or 普通劳动力, normalised dates and
/// codes) by their UTF-8 bytes.
///
/// `==` compares `String`s through Unicode canonical equivalence, and a string made from UTF-8
/// bytes with Chinese text in it is not known to be normalised, so every such comparison walks
/// both strings through the normalisation tables: ~440 instructions for 户主 against 户主, and the
/// rules compare code-list labels hundreds of thousands of times a run. A normalised value is
/// the vocabulary's own label, byte for byte, so comparing bytes gives the same answer.
public enum CanonicalText {
    /// Whether `value` is `label`, byte for byte (false for nil).
    @inlinable
    public static func equals(_ value: String?, _ label: String) -> Bool {
        guard var value else { return false }
        var label = label
        return value.withUTF8 { a in
            label.withUTF8 { b in a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) }
        }
    }

    /// Whether `value` is one of `labels`, byte for byte.
    @inlinable
    public static func isOne(of labels: [String], _ value: String?) -> Bool {
        guard let value else { return false }
        return labels.contains { equals(value, $0) }
    }
}
