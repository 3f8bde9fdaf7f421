import Foundation
import GRDB
import XCTest
import TestSupport
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline

/// `monitor.relapse` across nights: the ledger keeps each household's income per capita and
/// status only when they change (`household_snapshots`), and a later run compares with them.
final class RelapseRunTests: XCTestCase {
    /// Six households, all 已脱贫 with the given incomes (5000 and below would also be on the
    /// monitor.edge list; these stay above 6000 in night 1).
    func exited(_ incomes: [String]) -> NightlyDataset {
        var data = NightlyDataset.standard()
        for i in data.households.indices {
            data[i].status = "已脱贫"
            data[i].income = incomes[i]
        }
        return data
    }

    func snapshotRows(_ ws: NightlyWorkspace) throws -> Int {
        try DatabaseQueue(path: ws.ledger).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM household_snapshots")! }
    }

    func relapses(_ ws: NightlyWorkspace) throws -> [String: [String: String]] {
        Dictionary(try ws.findings().rows.filter { $0["rule"] == "monitor.relapse" }.map { ("\($0["household_id"]!) \($0["field"]!)", $0) },
                   uniquingKeysWith: { a, _ in a })
    }

    func testTwoNights_RelapseCarriesBothValuesAndDates() throws {
        let ws = try NightlyWorkspace()
        var data = exited(["8000", "8000", "10000", "10000", "9000", "9000"])
        let hh = data.households.map(\.id)

        // Night 1: nothing to compare with; every household stored once.
        let first = try ws.run(data, asOf: "2020-12-31")
        XCTAssertEqual(try relapses(ws), [:])
        XCTAssertEqual(first.monitoring?.snapshotsStored, 6)
        XCTAssertEqual(first.monitoring?.relapseCompared, 0)
        XCTAssertNil(first.monitoring?.relapseSkipped)
        XCTAssertEqual(try snapshotRows(ws), 6)

        // Night 2, half a year later: 8000 → 5000 (−37.5 %), 已脱贫 → 返贫, 10000 → 7000 (exactly
        // −30 %: no finding), 10000 → 6999 (just over), the rest unchanged.
        data[0].income = "5000"
        data[1].status = "返贫"
        data[2].income = "7000"
        data[3].income = "6999"
        let second = try ws.run(data, asOf: "2021-06-30")
        let found = try relapses(ws)
        XCTAssertEqual(Set(found.keys), ["\(hh[0]) income_per_capita", "\(hh[1]) status", "\(hh[3]) income_per_capita"])
        let drop = try XCTUnwrap(found["\(hh[0]) income_per_capita"])
        XCTAssertEqual(drop["values"], "previous=8000;previous_as_of=2020-12-31;current=5000;current_as_of=2021-06-30")
        XCTAssertEqual(drop["message"], "人均纯收入由8000元（2020-12-31）降至5000元（2021-06-30），降幅37.5%，超过30%：有返贫风险，请核实并纳入防返贫监测")
        XCTAssertEqual(drop["action"], "worklist")
        XCTAssertEqual(found["\(hh[1]) status"]?["values"], "previous=已脱贫;previous_as_of=2020-12-31;current=返贫;current_as_of=2021-06-30")
        XCTAssertEqual(second.monitoring?.relapse, 3)
        XCTAssertEqual(second.monitoring?.relapseCompared, 6)
        XCTAssertEqual(second.monitoring?.snapshotsStored, 4, "only the four changed households")
        XCTAssertEqual(try snapshotRows(ws), 10)
        // On the worklist and in monitoring.csv.
        let monitoring = try CSVTable(path: ws.out + "/monitoring.csv").rows
        XCTAssertEqual(Set(monitoring.filter { $0["规则"] == "monitor.relapse" }.map { $0["户编号"]! }), [hh[0], hh[1], hh[3]])
        XCTAssertEqual(second.worklistItems, try ws.findings().rows.filter { $0["action"] == "worklist" }.count)

        // Night 3, unchanged data, a later date: compared with night 2's values, so nothing fires
        // and nothing is stored; a repeat of night 3 stores nothing either.
        let third = try ws.run(data, asOf: "2021-12-31")
        XCTAssertEqual(try relapses(ws), [:])
        XCTAssertEqual(third.monitoring?.snapshotsStored, 0)
        XCTAssertEqual(third.monitoring?.relapseCompared, 6)
        XCTAssertEqual(try snapshotRows(ws), 10)
        XCTAssertEqual(third.status?.resolved, 3, "the three relapse findings of night 2")
        let repeated = try ws.run(data, asOf: "2021-12-31")
        XCTAssertEqual(repeated.ledger?.run, third.ledger?.run, "a repeat, not a new night")
        XCTAssertEqual(try snapshotRows(ws), 10)
    }

    /// A repeated night writes its snapshots again and compares with the same earlier run, so it
    /// reports the same relapse (SPEC §8: re-running a night is idempotent).
    func testRepeatedNight_SameRelapseSameSnapshots() throws {
        let ws = try NightlyWorkspace()
        var data = exited(["8000", "8000", "8000", "8000", "8000", "8000"])
        try ws.run(data, asOf: "2020-12-31")
        data[0].income = "1000"
        try ws.run(data, asOf: "2021-06-30")
        let first = try ws.outputFiles()
        let rows = try snapshotRows(ws)
        try ws.run(data, asOf: "2021-06-30")
        XCTAssertEqual(try ws.outputFiles()["findings.csv"], first["findings.csv"])
        XCTAssertEqual(try ws.outputFiles()["monitoring.csv"], first["monitoring.csv"])
        XCTAssertEqual(try snapshotRows(ws), rows)
        XCTAssertEqual(try relapses(ws).count, 1)
    }

    /// Three shards and `merge` on each of two nights: the merge compares with the ledger one
    /// shard part file at a time and finds what a whole run finds, byte for byte.
    func testShardsAndMerge_TwoNights_SameRelapseAsAWholeRun() throws {
        let ws = try NightlyWorkspace()
        let sharded = ws.root + "/sharded"
        func runSharded(_ asOf: String) throws -> RunSummary {
            let config = try PipelineConfig.load(path: ws.pipeline)
            var folders: [String] = []
            for i in 0..<3 {
                let folder = sharded + "/shard\(i)"
                try PipelineRunner(config: config, options: .init(outputFolder: folder, asOf: asOf, partitions: 2, shard: Shard(index: i, count: 3))).run()
                folders.append(folder)
            }
            return try PipelineRunner(config: config, options: .init(outputFolder: sharded + "/merged", asOf: asOf, ledgerPath: sharded + "/ledger.sqlite"))
                .merge(shardFolders: folders)
        }
        var data = exited(["8000", "8000", "10000", "10000", "9000", "9000"])
        try ws.run(data, asOf: "2020-12-31")
        XCTAssertEqual(try runSharded("2020-12-31").monitoring?.snapshotsStored, 6)
        data[0].income = "5000"
        data[1].status = "返贫"
        data[3].income = "6999"
        let whole = try ws.run(data, asOf: "2021-06-30")
        let merged = try runSharded("2021-06-30")
        XCTAssertEqual(whole.monitoring?.relapse, 3)
        XCTAssertEqual(merged.monitoring, whole.monitoring)
        for file in ["findings.csv", "monitoring.csv"] {
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: sharded + "/merged/" + file)),
                           try Data(contentsOf: URL(fileURLWithPath: ws.out + "/" + file)), file)
        }
    }

    func testNoLedger_RelapseSkippedAndSaidSo() throws {
        let ws = try NightlyWorkspace()
        let summary = try ws.run(exited(["8000", "8000", "8000", "8000", "8000", "8000"]), useLedger: false)
        XCTAssertEqual(summary.monitoring?.relapseSkipped?.hasPrefix("no ledger"), true)
        XCTAssertEqual(summary.monitoring?.snapshotsStored, 0)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ws.out + "/summary.json"))) as! [String: Any]
        let monitoring = try XCTUnwrap(json["monitoring"] as? [String: Any])
        XCTAssertTrue((monitoring["relapse_skipped"] as? String)?.contains("--no-ledger") ?? false)
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.ledger))
    }
}
