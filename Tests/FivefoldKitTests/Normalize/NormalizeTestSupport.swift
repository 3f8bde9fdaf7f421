import XCTest
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// The shipped `pipelines/vocabulary.yaml`, loaded once for all Normalize tests.
enum ShippedVocabulary {
    /// The repository root, found from this file's path (Tests/FivefoldKitTests/Normalize/…).
    static let repositoryRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)
        return parts.joined(separator: "/")
    }()

    static let path = repositoryRoot + "/pipelines/vocabulary.yaml"

    static let vocabulary: Vocabulary = {
        do {
            return try Vocabulary.load(path: path)
        } catch {
            fatalError("shipped vocabulary does not load: \(error)")
        }
    }()

    static let normalizer = FieldNormalizer(vocabulary: vocabulary)
}
