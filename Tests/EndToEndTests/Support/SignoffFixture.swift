import Foundation
import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// The dataset behind `fixtures/signoff/`: the worklists `scripts/make-signoff-fixtures.sh`
/// sent through LibreOffice came from a real run on it, so a test that runs it again gets the
/// same finding ids and can import the LibreOffice files against its own ledger.
///
/// When finding ids change (a new rule, a changed id recipe), `SpreadsheetSignoffTests` fails
/// naming the drift: run `scripts/make-signoff-fixtures.sh` again and commit `fixtures/signoff/`.
enum SignoffFixture {
    static let folder = SampleRunTests.repo.appendingPathComponent("fixtures/signoff").path

    /// Six households in two townships with one worklist item of each kind: a code-list field
    /// (脱贫状态, value.invalid), a name (帮扶责任人, household.no_cadre), an item about no field
    /// (unify.missing), a count (家庭人口数) and a quantity (粮食产量, unify.mismatch).
    static func dataset() -> NightlyDataset {
        var data = NightlyDataset.standard()
        data[0].status = "待核实"
        data[1].cadre = ""
        data[2].inspected = false
        data[3].recordedSize = 3
        data[4].inspectedGrain = "900"
        data[5].cadre = ""
        return data
    }

    /// A workspace with the dataset run once (ledger and worklists written).
    static func run() throws -> NightlyWorkspace {
        let ws = try NightlyWorkspace(htmlReport: false)
        try ws.run(dataset())
        return ws
    }

    /// A fixture file's path.
    static func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    /// The importer of a workspace's ledger, dating "today" after every signature in the fixtures.
    static func importer(_ ws: NightlyWorkspace) throws -> (SignoffImporter, Ledger) {
        let ledger = try Ledger(path: ws.ledger, create: false)
        let config = try PipelineConfig.load(path: ws.pipeline)
        let normalizer = FieldNormalizer(vocabulary: try PipelineRunner(config: config, options: .init()).loadVocabulary())
        return (SignoffImporter(ledger: ledger, normalizer: normalizer, today: CivilDate(year: 2021, month: 3, day: 1)!), ledger)
    }
}
