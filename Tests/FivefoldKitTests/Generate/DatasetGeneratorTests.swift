import Foundation
import XCTest

import TestSupport
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// Determinism and options of `DatasetGenerator`.
final class DatasetGeneratorTests: XCTestCase {
    static let dataFiles = OutputFile.allCases.map(\.path) + ["verification/villages.csv", "generator.json"]

    private func bytes(_ folder: String, _ file: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(file))
    }

    func testSameSeed_WritesByteIdenticalFilesWhateverTheWorkerCount() throws {
        // 2,500 households span three batches, so batch order and gzip members are exercised.
        let a = GeneratedDatasets.generate(households: 2500, seed: 99, defectRate: 0.2, noiseRate: 0.3, workers: 1)
        let b = GeneratedDatasets.generate(households: 2500, seed: 99, defectRate: 0.2, noiseRate: 0.3, workers: 3)
        defer {
            try? FileManager.default.removeItem(atPath: a.folder)
            try? FileManager.default.removeItem(atPath: b.folder)
        }
        for file in Self.dataFiles {
            XCTAssertEqual(try bytes(a.folder, file), try bytes(b.folder, file), file)
        }
        XCTAssertEqual(a.summary, b.summary)
    }

    func testDifferentSeed_WritesDifferentData() throws {
        let a = GeneratedDatasets.generate(households: 200, seed: 1, defectRate: 0.1, noiseRate: 0.1)
        let b = GeneratedDatasets.generate(households: 200, seed: 2, defectRate: 0.1, noiseRate: 0.1)
        defer {
            try? FileManager.default.removeItem(atPath: a.folder)
            try? FileManager.default.removeItem(atPath: b.folder)
        }
        for file in ["system/households.csv", "system/members.csv", "archive/archive.xml", "interview/survey.xml.gz"] {
            XCTAssertNotEqual(try bytes(a.folder, file), try bytes(b.folder, file), file)
        }
    }

    func testOptions_RejectOutOfRangeValues() {
        func problem(_ change: (inout GeneratorOptions) -> Void) -> String? {
            var o = GeneratorOptions(households: 10, seed: 1, outputFolder: "/tmp/x")
            change(&o)
            return o.problem
        }
        XCTAssertNil(problem { _ in })
        XCTAssertNotNil(problem { $0.households = 0 })
        XCTAssertNotNil(problem { $0.defectRate = 1.5 })
        XCTAssertNotNil(problem { $0.noiseRate = -0.1 })
        XCTAssertNotNil(problem { $0.counties = 0 })
        XCTAssertNotNil(problem { $0.counties = 21 })
        XCTAssertNotNil(problem { $0.counties = 11 })  // more counties than households
    }

    func testZeroRates_PlantNothing() throws {
        let a = GeneratedDatasets.generate(households: 300, seed: 5, defectRate: 0, noiseRate: 0)
        defer { try? FileManager.default.removeItem(atPath: a.folder) }
        XCTAssertEqual(a.summary.truthRows, 0)
        XCTAssertEqual(a.summary.noiseRows, 0)
        XCTAssertEqual(try CSVTable(path: a.folder + "/truth.csv").rows.count, 0)
        XCTAssertEqual(a.summary.systemHouseholdRows, 300)
    }
}
