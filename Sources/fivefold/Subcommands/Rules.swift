import ArgumentParser
import FivefoldCheck

/// `fivefold rules`: print the rule registry (every rule id, its family, default severity,
/// action, parameters with defaults, and what it checks).
struct Rules: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown
    }

    static let configuration = CommandConfiguration(
        abstract: "List every rule: id, family, default severity, action, parameters with their defaults, and what it checks.",
        discussion: """
            A pipeline sets a rule's severity, enabled and params under rules.<id>; a rule or \
            parameter left out has the default printed here. --format markdown prints the table \
            that the README's "Rules" section holds (scripts/update-readme-rules.sh writes it there).
            """)

    @Option(name: .long, help: "Output format: text (one block per rule) or markdown (one table).")
    var format: Format = .text

    func run() throws {
        switch format {
        case .text: print(RuleRegistry.textListing(), terminator: "")
        case .markdown: print(RuleRegistry.markdownTable(), terminator: "")
        }
    }
}
