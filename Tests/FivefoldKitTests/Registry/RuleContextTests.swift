import XCTest
@testable import FivefoldModel
@testable import FivefoldCheck

/// `RuleContext` keeps each resolved parameter in a small table indexed by a mix of the rule id
/// and key: whatever lands in which slot, every answer is the pipeline's value, else the default.
final class RuleContextTests: XCTestCase {
    /// Every parameter of every rule, each set to a value other than its default for half the
    /// rules, asked three times in shuffled orders through one context (so slots are shared and
    /// overwritten): each answer equals the settings' value or the registry's default.
    func testEveryParameter_AnsweredFromSettingsElseDefault_WhateverTheOrder() {
        var rules: [String: RuleSettings] = [:]
        var expected: [(RuleID, RuleEntry.Parameter, RuleParameter)] = []
        for (i, entry) in RuleRegistry.entries.enumerated() {
            for p in entry.parameters {
                var value = p.defaultValue
                if i % 2 == 0 {
                    switch p.defaultValue {
                    case .number(let d): value = .number(d + 1)
                    case .list(let l): value = .list(l + ["其他"])
                    case .table(let t): value = .table(t.mapValues { $0 + 1 })
                    case .lists(let l): value = .lists(l + [NamedList("其他", ["x"])])
                    case .conditions, .text: break
                    }
                    rules[entry.id.rawValue, default: RuleSettings()].parameters[p.name] = value
                }
                expected.append((entry.id, p, value))
            }
        }
        XCTAssertGreaterThan(expected.count, 20)
        let context = RuleContext(settings: CheckSettings(rules: rules), asOf: CivilDate(year: 2020, month: 12, day: 31)!, registries: Registries())
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3 {
            for (rule, p, value) in expected.shuffled(using: &rng) {
                switch (p.kind, value) {
                case (.number, .number(let d)): XCTAssertEqual(context.number(rule, p.name), d, "\(rule).\(p.name)")
                case (.list, .list(let l)): XCTAssertEqual(context.list(rule, p.name), l, "\(rule).\(p.name)")
                case (.table, .table(let t)): XCTAssertEqual(context.table(rule, p.name), t, "\(rule).\(p.name)")
                case (.lists, .lists(let l)): XCTAssertEqual(context.lists(rule, p.name), l, "\(rule).\(p.name)")
                case (.conditions, .conditions(let c)): XCTAssertEqual(context.conditions(rule, p.name), c, "\(rule).\(p.name)")
                default: XCTFail("\(rule).\(p.name): kind \(p.kind) with value \(value)")
                }
            }
        }
    }

    /// The lines the context keeps are those its parameters give, at its own date: the
    /// pipeline's table when it sets one, the latest year not after `as_of`.
    func testLines_MadeOnceFromTheContextsParameters() throws {
        let mid2019 = RuleContext(
            settings: CheckSettings(rules: ["exit.income": RuleSettings(parameters: ["poverty_lines": .table(["2018": 3000, "2019": 3600, "2020": 4200])])]),
            asOf: CivilDate(year: 2019, month: 6, day: 30)!, registries: Registries())
        XCTAssertEqual(mid2019.povertyLineNow, 3600)
        XCTAssertEqual(mid2019.povertyLines.line(for: 2020), 4200)
        XCTAssertEqual(mid2019.monitorLines?.line, 3600)
        XCTAssertEqual(mid2019.monitorLines?.monitoringLine, MonitorLines(context: mid2019)?.monitoringLine)
        // Asked again (and from two threads), the same answer.
        DispatchQueue.concurrentPerform(iterations: 4) { _ in XCTAssertEqual(mid2019.povertyLineNow, 3600) }
        let defaults = try TestData.context(asOf: "2020-12-31")
        XCTAssertEqual(defaults.povertyLineNow, PovertyLines.defaults["2020"])
    }
}
