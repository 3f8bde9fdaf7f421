// A table that loses a large share of its rows to quarantine is read wrongly, not dirty: a
// members export with the 户编号 in each family's first row only (saved from a sheet where it
// was merged over the family's rows) quarantined 110 of 158 member rows, and the run went on
// with exit 0 and 249 false findings (every such member missing from the system, every size
// wrong), saying nothing but the counts in summary.json. Such a table is now named in the run's
// warnings (stderr even with -q, summary.json, report.html) with the first reason; a table with
// no readable row at all stops the run (`unusable`).

extension Partitioner {
    /// Quarantined rows from which a table's loss is worth a warning: at least this many …
    static let manyQuarantinedRows = 10
    /// … and at least this percentage of the rows read.
    static let manyQuarantinedPercent = 10

    /// The warning for a table that lost many of its rows to quarantine, or nil.
    static func manyQuarantined(_ scan: TableScan, table: Table) -> String? {
        let s = scan.stats
        guard s.quarantined >= manyQuarantinedRows, s.quarantined * 100 >= s.read * manyQuarantinedPercent,
            let first = scan.quarantined.first
        else { return nil }
        let place = table.config.format == .xlsx ? "row" : "line"
        var text = "\(s.file): \(s.quarantined) of \(s.read) rows (\(s.quarantined * 100 / max(s.read, 1)) %) could not be read and are in "
            + "quarantine/\(table.source).csv (first: \(place) \(first.location.line), \(first.reason)); they take no part in the run, "
            + "so what they hold is reported missing from the \(table.source) source"
        let missingKey = scan.quarantined.filter { $0.reason == "missing 户编号 (household_id)" }.count
        if missingKey * 5 >= scan.quarantined.count * 4, s.accepted > 0 {
            text += ". Rows without a 户编号 among rows with one: if the table was saved from a sheet with the 户编号 merged over each "
                + "family's rows (合并单元格), only a family's first row kept it; fill it into every row and export the table again"
        }
        return text
    }
}
