// The sheet of a returned `.xlsx` worklist that holds the items: the first sheet whose header
// row holds 问题编号, wherever the sheets were moved.

/// A returned `.xlsx` worklist's item sheet, read as cell texts.
struct XLSXReturnedSheet {
    let header: [String]
    let sheetName: String

    static func open(path: String, displayName name: String, keyColumn: String) throws -> XLSXReturnedSheet {
        throw PipelineError(file: name, keyPath: "", message: "cannot read the returned worklist: .xlsx is not read yet")
    }

    func forEachRow(_ body: (Int, [String]) throws -> Void) throws {}
}
