import Foundation
@testable import FivefoldModel
@testable import FivefoldCheck
@testable import FivefoldPipeline

extension TestData {
    /// A rule context with the rules section given, as if the system source mapped every field:
    /// `TestData.config` maps 户编号 only, which switches off the rules that need other fields
    /// (`PipelineConfig.rulesLackingFields`); a unit test of such a rule wants it on.
    static func fullyMappedContext(rules: String = "", asOf: String = "2020-12-31", registries: Registries = Registries()) throws -> RuleContext {
        let config = try config(rules: rules)
        return RuleContext(settings: CheckSettings(rules: config.rules, linkage: config.linkage), asOf: DateParser.parse(asOf)!, registries: registries)
    }
}
