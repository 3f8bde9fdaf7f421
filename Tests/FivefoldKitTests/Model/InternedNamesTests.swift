import Dispatch
import XCTest
@testable import FivefoldModel

final class InternedNamesTests: XCTestCase {
    func testFieldID_SameNameMadeTwoWays_IsOneID() {
        // A name built at run time (as a pipeline's keys are) against the literal.
        let built = FieldID(rawValue: String(decoding: Array("income_per_capita".utf8), as: UTF8.self))
        XCTAssertEqual(built, FieldID.incomePerCapita)
        XCTAssertEqual(built.hashValue, FieldID.incomePerCapita.hashValue)
        XCTAssertEqual(built.rawValue, "income_per_capita")
        XCTAssertNotEqual(FieldID("name"), FieldID("name "))
    }

    func testIDs_KeepTheirNamesStableHash() {
        // Ids carried their name's StableHash before interning; dictionaries and stored ids rely on it.
        XCTAssertEqual(FieldID("id_number").hash, StableHash.value(["id_number"]))
        XCTAssertEqual(SourceID("hukou").hash, StableHash.value(["hukou"]))
    }

    func testIDs_SortAndPrintByName() {
        XCTAssertEqual([FieldID("sex"), FieldID("age"), FieldID("name")].sorted().map(\.rawValue), ["age", "name", "sex"])
        XCTAssertEqual(SourceID.wall.description, "wall")
        XCTAssertEqual(SourceID("deaths").chineseLabel, SourceID(rawValue: "deaths").chineseLabel)
    }

    func testIDs_InternedOnManyThreadsAtOnce_Agree() {
        let names = (0..<3000).map { "field_\($0 % 1500)_\($0 % 7 == 0 ? "x" : "y")" }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var numbers = [[UInt32]](repeating: [], count: 4)
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            let mine = (t % 2 == 0 ? names : names.reversed()).map { FieldID(rawValue: $0).number }
            results.lock.lock()
            results.numbers[t] = t % 2 == 0 ? mine : mine.reversed()
            results.lock.unlock()
        }
        let numbers = results.numbers
        for t in 1..<4 { XCTAssertEqual(numbers[t], numbers[0]) }
        for (name, number) in zip(names, numbers[0]) { XCTAssertEqual(FieldID.names.entry(number).name, name) }
    }

    func testInternedNames_ReadBackPastTheFirstChunk() {
        let table = InternedNames()
        let numbers = (0..<2500).map { table.intern("n\($0)") }
        XCTAssertEqual(numbers, (0..<2500).map(UInt32.init))
        XCTAssertEqual(table.intern("n1024"), 1024)
        XCTAssertEqual(table.entry(2049).name, "n2049")
        XCTAssertEqual(table.entry(2049).hash, StableHash.value(["n2049"]))
    }

    func testSourceLocation_AtAnotherLine_KeepsItsFile() {
        let here = SourceLocation(file: "verification/registry/hukou.csv", line: 0, column: 4)
        let row = here.at(line: 42)
        XCTAssertEqual(row.file, "verification/registry/hukou.csv")
        XCTAssertEqual(row.description, "verification/registry/hukou.csv:42")
        XCTAssertEqual(row, SourceLocation(file: "verification/registry/hukou.csv", line: 42))
        var moved = row
        moved.file = "wall/cards.csv"
        XCTAssertEqual(moved.description, "wall/cards.csv:42")
        XCTAssertNotEqual(moved, row)
    }
}
