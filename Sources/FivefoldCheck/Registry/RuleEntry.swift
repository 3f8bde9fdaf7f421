import FivefoldModel

/// One rule as the registry lists it: id, default severity and action, what it checks (a Chinese
/// title for worklists and the report, an English line for the README), and the parameters it
/// reads with their kinds and defaults.
public struct RuleEntry: Sendable {
    /// What a parameter holds; the pipeline loader refuses a value of another kind.
    public enum ParameterKind: String, Sendable {
        case number = "a number"
        case list = "a list of texts"
        case table = "a table of year: number"
        case lists = "a table of name: [texts]"
        case conditions = "a table of type: {needs: [facts], forbids: [facts], unless: [facts]}"
    }

    /// A parameter a rule reads from `rules.<id>.params`, with the value it has when the pipeline
    /// leaves it out.
    public struct Parameter: Sendable {
        public let name: String
        public let kind: ParameterKind
        public let defaultValue: RuleParameter
        /// The unit the number is in, for the listing (`万元`), else empty.
        public let unit: String
        /// The values a number may take, and what it is (said when the pipeline gives another):
        /// a value written in the wrong unit (0.375 for 37.5 %, 100000 yuan for 10 万元) ran with
        /// exit 0 and other findings.
        public var range: ClosedRange<Double>? = nil
        public var meaning = ""
        /// A percentage for which a value strictly between 0 and 1 is a fraction written for it
        /// (0.3 for 30 %), refused.
        public var refusesFraction = false

        public static func number(_ name: String, _ value: Double, unit: String = "", range: ClosedRange<Double>? = nil, meaning: String = "") -> Parameter {
            Parameter(name: name, kind: .number, defaultValue: .number(value), unit: unit, range: range, meaning: meaning)
        }

        /// A 四看法 score or threshold: 0…100 points.
        public static func points(_ name: String, _ value: Double) -> Parameter {
            number(name, value, range: 0...100, meaning: "points (the four looks score at most 100)")
        }

        /// A percentage parameter: 0…100, a fraction (0 < value < 1) refused.
        public static func percent(_ name: String, _ value: Double, unit: String = "") -> Parameter {
            let shown = value == value.rounded() ? String(Int(value)) : String(value)
            var p = number(name, value, unit: unit, range: 0...100, meaning: "a percentage (\(shown) for \(shown) %)")
            p.refusesFraction = true
            return p
        }

        public static func list(_ name: String, _ value: [String]) -> Parameter {
            Parameter(name: name, kind: .list, defaultValue: .list(value), unit: "")
        }

        public static func table(_ name: String, _ value: [String: Double]) -> Parameter {
            Parameter(name: name, kind: .table, defaultValue: .table(value), unit: "")
        }

        public static func lists(_ name: String, _ value: [NamedList]) -> Parameter {
            Parameter(name: name, kind: .lists, defaultValue: .lists(value), unit: "")
        }

        public static func conditions(_ name: String, _ value: [String: TypeConditions]) -> Parameter {
            Parameter(name: name, kind: .conditions, defaultValue: .conditions(value), unit: "")
        }
    }

    public let id: RuleID
    /// The severity of its findings unless the pipeline sets `rules.<id>.severity`.
    public let severity: Severity
    /// The action of its findings (a worklist finding that a correction resolves becomes
    /// `corrected`).
    public let action: FindingAction
    /// The Chinese title, for worklists and the report.
    public let title: String
    /// What it checks, in one English line (the README's rule table).
    public let summary: String
    public let parameters: [Parameter]
    /// Pipeline settings outside `rules.<id>.params` that it reads, for the listing.
    public let otherSettings: String

    public init(
        _ id: RuleID, _ severity: Severity, action: FindingAction = .worklist, title: String, summary: String,
        parameters: [Parameter] = [], otherSettings: String = ""
    ) {
        self.id = id
        self.severity = severity
        self.action = action
        self.title = title
        self.summary = summary
        self.parameters = parameters
        self.otherSettings = otherSettings
    }

    /// The family of its id (`exit` of `exit.income`).
    public var family: String { id.family }

    /// The parameter of that name, nil when the rule reads none such.
    public func parameter(_ name: String) -> Parameter? { parameters.first { $0.name == name } }
}
