import FivefoldModel
import FivefoldCheck

extension MemberRowPolicy {
    /// Reads `resolution.members`; a wrong key or value stops with its file:line:column and key path.
    init(node: ConfigNode) throws {
        self.init()
        try node.requireKeys(in: ["add", "remove", "duplicate_person"])
        if let a = try node.optional("add") {
            try a.requireKeys(in: ["enabled", "min_agree", "require"])
            add.enabled = try a.optional("enabled")?.bool() ?? add.enabled
            add.minAgree = try a.optional("min_agree")?.int(range: 1...10) ?? add.minAgree
            if let r = try a.optional("require") { add.require = try Self.sources(r) }
        }
        if let r = try node.optional("remove") {
            try r.requireKeys(in: ["enabled", "min_agree", "require_absent"])
            remove.enabled = try r.optional("enabled")?.bool() ?? remove.enabled
            remove.minAgree = try r.optional("min_agree")?.int(range: 1...10) ?? remove.minAgree
            if let s = try r.optional("require_absent") { remove.requireAbsent = try Self.sources(s) }
        }
        if let d = try node.optional("duplicate_person") {
            try d.requireKeys(in: ["enabled", "authoritative"])
            duplicatePerson.enabled = try d.optional("enabled")?.bool() ?? duplicatePerson.enabled
            if let a = try d.optional("authoritative") {
                duplicatePerson.authoritative = try a.list().map { SourceID(rawValue: try $0.oneOf(["hukou"])) }
                guard !duplicatePerson.authoritative.isEmpty else { throw a.error("expected at least one registry (hukou)") }
            }
        }
    }

    /// Sources a row policy may name: the four sources besides the system, and the hukou registry.
    static let nameableSources = ["archive", "wall", "interview", "verification", "hukou"]

    static func sources(_ node: ConfigNode) throws -> [SourceID] {
        try node.list().map { SourceID(rawValue: try $0.oneOf(nameableSources)) }
    }
}
