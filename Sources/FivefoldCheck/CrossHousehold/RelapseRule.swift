import Foundation
import FivefoldModel

/// `monitor.relapse` (返贫监测): a household compared with what an earlier run saw of it.
///
/// Fires when income per capita fell by more than `drop_percent` % of the earlier value
/// (exactly that much does not fire; compared in decimal as `(before − now) × 100 > percent ×
/// before`), and when 脱贫状态 went 已脱贫 → 返贫. Each finding
/// carries both values and both runs' `as_of` dates. The earlier values come from the ledger
/// (`household_snapshots`), so the rule runs in the assembly, after every partition and shard.
public struct RelapseRule {
    static let rule = RuleID.monitorRelapse

    /// A household's values as one run saw them.
    public struct Observation: Sendable, Equatable {
        public var income: String
        public var status: String
        /// The run's `as_of` date (yyyy-MM-dd).
        public var asOf: String

        public init(income: String, status: String, asOf: String) {
            self.income = income
            self.status = status
            self.asOf = asOf
        }
    }

    public init() {}

    /// Judges one household: `current` in this run against `previous` from an earlier run.
    public func check(
        householdID: String, regionCode: String, current: Observation, previous: Observation, context: RuleContext, sink: inout FindingSink
    ) {
        guard sink.isEnabled(Self.rule) else { return }
        func emit(_ field: FieldID, before: String, now: String, message: String) {
            sink.emit(Finding(
                rule: Self.rule, severity: .warning, regionCode: regionCode, householdID: householdID, field: field.rawValue,
                values: [("previous", before), ("previous_as_of", previous.asOf), ("current", now), ("current_as_of", current.asOf)],
                action: .worklist,
                message: message))
        }
        let percent = context.number(Self.rule, "drop_percent")
        // In decimal, so that a drop of exactly `percent` (3333.3 → 2333.31 at 30 %) is exact.
        // An unchanged income (most households, most nights) drops by 0 %, which fires for no
        // percent ≥ 0: it skips the decimal parsing, the rule's largest cost per household.
        let unchanged = percent >= 0 && previous.income == current.income
        if !unchanged, let before = Decimal(string: previous.income), let now = Decimal(string: current.income), before > 0,
            (before - now) * 100 > Decimal(string: RegistryRules.format(percent))! * before
        {
            let share = NSDecimalNumber(decimal: (before - now) / before * 100).doubleValue
            let drop = RegistryRules.format((share * 10).rounded() / 10)
            emit(.incomePerCapita, before: previous.income, now: current.income,
                 message: "人均纯收入由\(previous.income)元（\(previous.asOf)）降至\(current.income)元（\(current.asOf)），降幅\(drop)%，超过\(RegistryRules.format(percent))%：有返贫风险，请核实并纳入防返贫监测")
        }
        if previous.status == "已脱贫", current.status == "返贫" {
            emit(.status, before: previous.status, now: current.status,
                 message: "脱贫状态由已脱贫（\(previous.asOf)）变为返贫（\(current.asOf)）：已返贫，请核实返贫原因并落实帮扶措施")
        }
    }
}
