import Foundation
import FivefoldCheck
import FivefoldLedger

/// `summary.json`: what a run read, found and did (SPEC §6).
public struct RunSummary: Codable, Sendable {
    public struct Input: Codable, Sendable, Equatable {
        public var source: String
        public var file: String
        public var encoding: String
        public var read: Int
        public var accepted: Int
        public var quarantined: Int
        public var fatal: String?
        /// Non-blank rows above the header (titles skipped per `header_row` / `skip_rows`); they
        /// are not rows of data, so `read = accepted + quarantined` still holds without them.
        public var skipped: Int = 0
        /// This file's warnings (also listed in the summary's `warnings`).
        public var warnings: [String]?
        /// Those of its warnings that say rows were lost (cut off, broken off, many rows
        /// quarantined); absent when none (`--fail-on-damage`).
        public var damage: [String]?

        package init(source: String, file: String, encoding: String, read: Int, accepted: Int, quarantined: Int, fatal: String? = nil, skipped: Int = 0, warnings: [String]? = nil, damage: [String]? = nil) {
            self.source = source
            self.file = file
            self.encoding = encoding
            self.read = read
            self.accepted = accepted
            self.quarantined = quarantined
            self.fatal = fatal
            self.skipped = skipped
            self.warnings = warnings
            self.damage = damage
        }
    }

    /// The inputs whose rows were partly lost (`Input.damage`).
    public var damagedInputs: [Input] { inputs.filter { $0.damage != nil } }

    public var pipeline: String
    public var asOf: String
    public var inputFolder: String
    public var inputs: [Input]
    public var households: Int
    public var unregisteredInterviewHouseholds: Int
    public var findings: Int
    public var findingsByRule: [String: Int]
    public var findingsBySeverity: [String: Int]
    public var findingsByAction: [String: Int]
    public var corrections: Int
    public var worklistItems: Int
    public var worklists: [String: Int]
    /// Population, registered poor, incidence and class per village.
    public var villages: [VillageClassRule.Village]
    /// 三率一度 per county and for the whole dataset.
    public var counties: [CountyFigures]
    public var timingsSeconds: [String: Double]
    /// Findings new, persisting, resolved and reopened since the previous run (the ledger's).
    public var status: FindingStatusCounts?
    /// The ledger this run was recorded in.
    public var ledger: LedgerReference?
    /// Vocabulary gaps (`vocabulary.unknown`): repeated values outside a code list.
    public var vocabularyGaps: [VocabularyGap]?
    /// 帮扶措施 coverage per village and for the whole dataset (`household.measures` categories).
    public var measureCoverage: [MeasureCoverage]?
    /// Audited 错退率 and 漏评率 from the signed verdicts of the latest 事后抽查 sample.
    public var audit: SampleAudit?

    /// One vocabulary gap (the type is the vocabulary-gap rule's).
    public typealias VocabularyGap = FivefoldCheck.VocabularyGap
    /// 防返贫监测 counts (monitoring.csv), nil in a shard's own summary.
    public var monitoring: Monitoring?

    /// What the 防返贫监测 rules found (`monitor.edge`, `monitor.relapse`).
    public struct Monitoring: Codable, Sendable, Equatable {
        /// Households on the monitoring list: income in [line, monitoring line).
        public var edgeList = 0
        /// 边缘户 below the line (suspected 漏评, on the worklists).
        public var edgeBelowLine = 0
        /// `monitor.relapse` findings.
        public var relapse = 0
        /// Households compared with the ledger's snapshots (0 when skipped).
        public var relapseCompared = 0
        /// Snapshot rows this run wrote to the ledger (households new or changed).
        public var snapshotsStored = 0
        /// Why `monitor.relapse` did not run (no ledger, or switched off); nil when it ran.
        public var relapseSkipped: String?
        /// Rows in monitoring.csv.
        public var rows = 0

        package init() {}

        enum CodingKeys: String, CodingKey {
            case relapse, rows
            case edgeList = "edge_list"
            case edgeBelowLine = "edge_below_line"
            case relapseCompared = "relapse_compared"
            case snapshotsStored = "snapshots_stored"
            case relapseSkipped = "relapse_skipped"
        }
    }

    /// Every input's warnings (likely configuration mistakes that did not stop the run), in
    /// input order; also printed on stderr.
    public var warnings: [String] = []
    /// Checks that did not run for lack of an optional input (an accountability table the dump
    /// does not hold), each with its reason; empty when every check could run.
    public var skippedChecks: [SkippedCheck] = []

    /// A check that did not run, and why (Chinese, then English).
    public struct SkippedCheck: Codable, Sendable, Equatable {
        public var rule: String
        public var reason: String

        public init(rule: String, reason: String) {
            self.rule = rule
            self.reason = reason
        }
    }

    package init(pipeline: String, asOf: String, inputFolder: String, inputs: [Input], households: Int, unregisteredInterviewHouseholds: Int, findings: Int, findingsByRule: [String: Int], findingsBySeverity: [String: Int], findingsByAction: [String: Int], corrections: Int, worklistItems: Int, worklists: [String: Int], villages: [VillageClassRule.Village], counties: [CountyFigures], timingsSeconds: [String: Double], status: FindingStatusCounts? = nil, ledger: LedgerReference? = nil, vocabularyGaps: [VocabularyGap]? = nil, warnings: [String] = []) {
        self.pipeline = pipeline
        self.asOf = asOf
        self.inputFolder = inputFolder
        self.inputs = inputs
        self.households = households
        self.unregisteredInterviewHouseholds = unregisteredInterviewHouseholds
        self.findings = findings
        self.findingsByRule = findingsByRule
        self.findingsBySeverity = findingsBySeverity
        self.findingsByAction = findingsByAction
        self.corrections = corrections
        self.worklistItems = worklistItems
        self.worklists = worklists
        self.villages = villages
        self.counties = counties
        self.timingsSeconds = timingsSeconds
        self.status = status
        self.ledger = ledger
        self.vocabularyGaps = vocabularyGaps
        self.warnings = warnings
    }

    /// Where a run was recorded: this run's id in the ledger and the run it was compared with.
    /// (Not the ledger's path: outputs must not depend on where the ledger or output folder is.)
    public struct LedgerReference: Codable, Sendable, Equatable {
        public var run: Int64
        public var previousRun: Int64?

        package init(run: Int64, previousRun: Int64? = nil) {
            self.run = run
            self.previousRun = previousRun
        }

        enum CodingKeys: String, CodingKey {
            case run
            case previousRun = "previous_run"
        }
    }

    /// The totals the ledger keeps per run.
    public var counts: RunCounts {
        RunCounts(households: households, findings: findings, corrections: corrections, worklistItems: worklistItems)
    }

    enum CodingKeys: String, CodingKey {
        case pipeline, inputs, households, findings, corrections, worklists, villages, counties, status, ledger, warnings, audit, monitoring
        case asOf = "as_of"
        case inputFolder = "input_folder"
        case unregisteredInterviewHouseholds = "unregistered_interview_households"
        case findingsByRule = "findings_by_rule"
        case findingsBySeverity = "findings_by_severity"
        case findingsByAction = "findings_by_action"
        case worklistItems = "worklist_items"
        case timingsSeconds = "timings_seconds"
        case vocabularyGaps = "vocabulary_gaps"
        case measureCoverage = "measure_coverage"
        case skippedChecks = "skipped_checks"
    }

    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(self)
        try (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: path))
    }
}
