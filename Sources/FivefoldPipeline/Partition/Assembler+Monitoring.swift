import Foundation
import FivefoldModel
import FivefoldCheck
import FivefoldLedger
import FivefoldReport

extension Assembler {
    /// 防返贫监测 in the assembly: `monitor.relapse` against the ledger's snapshots, one part file
    /// (one partition of one shard) at a time so that memory holds a partition's households, never
    /// the province's; then monitoring.csv from the partitions' items and the relapse findings.
    /// Runs before the findings are classified, so its findings are tracked like any other.
    ///
    /// - Parameter recorder: the run's recorder; nil or untracked (`--no-ledger`) skips the
    ///   relapse check, and summary.json says so.
    func monitor(_ parts: [PartFiles], context: RuleContext, recorder: RunRecorder?, rows: inout Rows, worklist: WorklistWriter,
                 path: String) throws -> RunSummary.Monitoring {
        var monitoring = RunSummary.Monitoring()
        var items: [MonitoringWriter.Item] = []
        for p in parts { items += try p.records("monitoring-") }

        if !context.settings.rule(.monitorRelapse).enabled {
            monitoring.relapseSkipped = "monitor.relapse is switched off in the pipeline"
        } else if let recorder, recorder.isTracked, let asOf = recorder.asOf {
            let rule = RelapseRule()
            for p in parts {
                for name in try p.files("monitor-", suffix: ".csv") {
                    let batch = try PartCodec<MonitorRow>.read(path: p.folder + "/" + name)
                    let previous = try recorder.compareSnapshots(batch.map(\.snapshot))
                    var sink = FindingSink(config: config)
                    for (row, before) in zip(batch, previous) {
                        guard let before else { continue }
                        monitoring.relapseCompared += 1
                        rule.check(
                            householdID: row.householdID, regionCode: row.regionCode,
                            current: .init(income: row.income, status: row.status, asOf: asOf),
                            previous: .init(income: before.snapshot.income, status: before.snapshot.status, asOf: before.asOf),
                            context: context, sink: &sink)
                    }
                    guard !sink.findings.isEmpty else { continue }
                    let entries = Dictionary(batch.map { ($0.householdID, $0.entry) }, uniquingKeysWith: { a, _ in a })
                    for f in signed.annotated(sink.findings) {
                        rows.add(f, entry: entries[f.householdID], worklist: worklist)
                        if let item = MonitoringWriter.item(f, entry: entries[f.householdID]) { items.append(item) }
                    }
                }
            }
            monitoring.snapshotsStored = recorder.snapshotsStored
        } else {
            monitoring.relapseSkipped = "no ledger (--no-ledger): monitor.relapse compares with the households of the previous run, which only the ledger keeps"
        }

        // A finding another step dropped (a vocabulary gap) takes its row with it.
        let present = Set(rows.findings.lazy.filter { $0.rule.hasPrefix("monitor.") }.map(\.id))
        items.removeAll { !present.contains($0.row[0]) }
        for r in rows.findings {
            switch r.rule {
            case RuleID.monitorEdge.rawValue: if r.action == FindingAction.info.rawValue { monitoring.edgeList += 1 } else { monitoring.edgeBelowLine += 1 }
            case RuleID.monitorRelapse.rawValue: monitoring.relapse += 1
            default: break
            }
        }
        monitoring.rows = try MonitoringWriter.write(items, to: path)
        return monitoring
    }
}
