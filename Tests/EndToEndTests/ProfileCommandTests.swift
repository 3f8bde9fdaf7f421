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

/// `fivefold profile`: distinct raw values per source and field, their normalised form, and
/// the refused ones, read through the same mapping as a run.
final class ProfileCommandTests: XCTestCase {
    func testProfiler_CountsDistinctValuesAndTellsRefusedOnes() throws {
        let input = try VocabularyGapTests.input(gap: 6)
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        let normalizer = FieldNormalizer(vocabulary: try PipelineRunner(config: config, options: .init()).loadVocabulary())
        let fields = try ValueProfiler(config: config, inputFolder: input, normalizer: normalizer).run()
        let education = try XCTUnwrap(fields.first { $0.source == "system" && $0.field == .education })
        let members = try CSVTable(path: input + "/system/members.csv").rows
        XCTAssertEqual(education.rows, members.count)
        XCTAssertEqual(education.counts["小学文化水平"], 6)
        XCTAssertEqual(education.counts.values.reduce(0, +) + education.blank, education.rows)
        let refused = education.refused(normalizer: normalizer)
        XCTAssertEqual(refused.map(\.value), ["小学文化水平", "初中文化水平"])
        XCTAssertEqual(refused.map(\.count), [6, 1])
        let top = education.top(1, normalizer: normalizer)
        XCTAssertEqual(top.first?.count, members.filter { $0["文化程度"] == top.first?.value }.count)
        XCTAssertNotNil(fields.first { $0.source == "archive" && $0.field == .education }, "XML members are profiled too")
        XCTAssertNotNil(fields.first { $0.source == "wall" && $0.field == .memberNames })
    }

    func testProfiler_KeepsAtMostMaxDistinctValuesPerField() throws {
        let config = try PipelineConfig.load(path: SampleRunTests.pipeline)
        let normalizer = FieldNormalizer(vocabulary: try PipelineRunner(config: config, options: .init()).loadVocabulary())
        var profiler = ValueProfiler(config: config, inputFolder: SampleRunTests.sample, normalizer: normalizer)
        profiler.maxDistinct = 3
        let names = try XCTUnwrap(try profiler.run().first { $0.source == "system" && $0.field == .name })
        XCTAssertEqual(names.counts.count, 3)
        XCTAssertEqual(names.counts.values.reduce(0, +) + names.otherRows + names.blank, names.rows)
    }

    func testProfileCommand_PrintsValuesNormalisedFormsAndRefusals() throws {
        let input = try VocabularyGapTests.input(gap: 6)
        let result = try FivefoldProcess.run(["profile", SampleRunTests.pipeline, "--input", input, "--top", "2"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("system.education (文化程度): "), result.stdout)
        XCTAssertTrue(result.stdout.contains("2 refused in 7 rows"), result.stdout)
        XCTAssertTrue(result.stdout.contains("6\t小学文化水平\tREFUSED: 不在代码表 education（文盲或半文盲、小学、初中、高中、中专、大专及以上、学龄前儿童）中"), result.stdout)
        XCTAssertTrue(result.stdout.contains("→ 初中") || result.stdout.contains("→ 小学"), result.stdout)
    }
}
