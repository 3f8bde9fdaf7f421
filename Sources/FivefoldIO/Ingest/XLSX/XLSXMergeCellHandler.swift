/// Collects the `<mergeCell ref="…"/>` ranges of a worksheet part and nothing else, for
/// ``XLSXWorkbook/mergedRanges(of:)``.
final class XLSXMergeCellHandler: XLSXXMLHandler {
    /// The ranges in document order; references that name no range are skipped.
    private(set) var ranges: [XLSXMergedRange] = []

    let elementNames = ["mergeCell"]
    let attributeNames = ["ref"]
    var wantsText: Bool { false }
    var contentError: String? { nil }

    func start(_ element: Int, attributes: XLSXXMLAttributes) {
        guard element == 0, let ref = attributes.value(0), let range = XLSXMergedRange(ref) else { return }
        ranges.append(range)
    }

    func end(_ element: Int) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}
