import ArgumentParser

/// `fivefold`: the command-line face of FivefoldKit. Subcommands parse, call the library, and map
/// outcomes to exit codes; no pipeline logic lives here.
@main
struct FivefoldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fivefold",
        abstract: "Cross-check poverty-alleviation filing-card records (建档立卡) across five sources (五个统一).",
        subcommands: [Run.self, Check.self, Inspect.self, Profile.self, Merge.self, Generate.self, Signoff.self, SampleCommand.self, Show.self, Rules.self]
    )
}
