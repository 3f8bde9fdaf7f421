import Foundation
import XCTest

/// Not a check: `scripts/make-signoff-fixtures.sh` runs this with `FIVEFOLD_SIGNOFF_FIXTURES`
/// set to a folder, and it writes there the worklists of a real run on `SignoffFixture.dataset()`
/// for LibreOffice to open, fill and save. Skipped otherwise.
final class SignoffFixtureWriter: XCTestCase {
    func testWriteSentWorklists_ForTheFixtureScript() throws {
        guard let target = ProcessInfo.processInfo.environment["FIVEFOLD_SIGNOFF_FIXTURES"] else {
            throw XCTSkip("only for scripts/make-signoff-fixtures.sh (FIVEFOLD_SIGNOFF_FIXTURES=<folder>)")
        }
        let ws = try SignoffFixture.run()
        let fm = FileManager.default
        try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
        let worklists = ws.out + "/worklists"
        for name in try fm.contentsOfDirectory(atPath: worklists).sorted() {
            let destination = (target as NSString).appendingPathComponent(name)
            try? fm.removeItem(atPath: destination)
            try fm.copyItem(atPath: worklists + "/" + name, toPath: destination)
        }
    }
}
