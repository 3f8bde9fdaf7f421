/// A sheet of a workbook as `xl/workbook.xml` lists it.
public struct XLSXSheetInfo: Sendable, Equatable {
    /// The name on the sheet's tab.
    public var name: String
    /// 0-based position in workbook (tab) order.
    public var index: Int
    /// The worksheet part inside the package, resolved through `xl/_rels/workbook.xml.rels`
    /// (e.g. `xl/worksheets/sheet1.xml`; the number need not follow the tab order).
    public var partPath: String

    /// Creates a sheet description.
    public init(name: String, index: Int, partPath: String) {
        self.name = name
        self.index = index
        self.partPath = partPath
    }
}
