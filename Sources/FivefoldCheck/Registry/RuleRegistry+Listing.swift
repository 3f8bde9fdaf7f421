import FivefoldModel

/// The registry as text: what `fivefold rules` prints, and (as Markdown) the README's rule table.
extension RuleRegistry {
    /// One block per rule: id, family, severity and action, the titles, the parameters.
    public static func textListing() -> String {
        var lines: [String] = []
        for entry in entries {
            lines.append(entry.id.rawValue)
            lines.append("  family: \(entry.family)   default severity: \(entry.severity.rawValue)   action: \(entry.action.rawValue)")
            lines.append("  \(entry.title)")
            lines.append("  " + entry.summary.replacingOccurrences(of: "`", with: ""))
            if entry.parameters.isEmpty {
                lines.append("  parameters: none")
            } else {
                lines.append("  parameters (rules.\(entry.id.rawValue).params):")
                for p in entry.parameters {
                    lines.append("    \(p.name): \(format(p.defaultValue))\(p.unit.isEmpty ? "" : " (\(p.unit))")   \(p.kind.rawValue)")
                }
            }
            if !entry.otherSettings.isEmpty { lines.append("  also reads: \(entry.otherSettings.replacingOccurrences(of: "`", with: ""))") }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// A Markdown table, one row per rule, in registry order.
    public static func markdownTable() -> String {
        var lines = [
            "| rule id | family | what it checks | title (worklists) | default severity | action | parameters (defaults) |",
            "|---|---|---|---|---|---|---|",
        ]
        for entry in entries {
            var parameters = entry.parameters.map { p in
                "`\(p.name)` \(format(p.defaultValue))\(p.unit.isEmpty ? "" : " (\(p.unit))")"
            }
            if !entry.otherSettings.isEmpty { parameters.append(entry.otherSettings) }
            let cells = [
                "`\(entry.id.rawValue)`", entry.family, entry.summary, entry.title, entry.severity.rawValue,
                entry.action.rawValue, parameters.isEmpty ? "—" : parameters.joined(separator: ", "),
            ]
            lines.append("| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A parameter value as a pipeline file would write it: `20`, `37.5`, `[C, D]`, `{2019: 3218, 2020: 4000}`.
    public static func format(_ value: RuleParameter) -> String {
        switch value {
        case .number(let d): return formatNumber(d)
        case .text(let t): return t
        case .list(let items): return "[" + items.joined(separator: ", ") + "]"
        case .table(let table):
            return "{" + table.keys.sorted().map { "\($0): \(formatNumber(table[$0]!))" }.joined(separator: ", ") + "}"
        case .lists(let lists):
            return "{" + lists.map { "\($0.name): [\($0.items.joined(separator: ", "))]" }.joined(separator: ", ") + "}"
        case .conditions(let table):
            return "{" + table.keys.sorted().map { name in
                let c = table[name]!
                let parts = [("needs", c.needs), ("forbids", c.forbids), ("unless", c.unless)].filter { !$0.1.isEmpty }
                    .map { "\($0.0): [\($0.1.joined(separator: ", "))]" }
                return "\(name): {\(parts.joined(separator: ", "))}"
            }.joined(separator: ", ") + "}"
        }
    }

    private static func formatNumber(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}
