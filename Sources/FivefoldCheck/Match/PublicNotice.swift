import Foundation
import FivefoldModel

/// One 公示: an identification or an exit posted for objections from `start` to `end`.
public struct PublicNotice: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case identification = "识别"
        case exit = "退出"

        /// 识别 / 识别公示 / 纳入 … ; 退出 / 退出公示 / 脱贫 …; nil for anything else.
        public static func parse(_ raw: String) -> Kind? {
            let s = raw.replacingOccurrences(of: " ", with: "")
            if s.hasPrefix("识别") || s.hasPrefix("纳入") || s.hasPrefix("评定") { return .identification }
            if s.hasPrefix("退出") || s.hasPrefix("脱贫") { return .exit }
            return nil
        }
    }

    public var householdID: String
    public var kind: Kind
    public var start: CivilDate
    public var end: CivilDate
    /// The objection raised, as written (blank, 无 or 否 mean none).
    public var objection: String
    /// The recorded answer to the objection.
    public var answer: String
    public var line: Int

    public init(householdID: String, kind: Kind, start: CivilDate, end: CivilDate, objection: String, answer: String, line: Int) {
        self.householdID = householdID
        self.kind = kind
        self.start = start
        self.end = end
        self.objection = objection
        self.answer = answer
        self.line = line
    }

    /// Days posted, both ends included: 1–7 October is 7 days.
    public var days: Int { end.daysSinceEpoch - start.daysSinceEpoch + 1 }

    /// Whether an objection was raised (a text other than 无, 否, 没有, 0).
    public var hasObjection: Bool {
        let s = objection.trimmingCharacters(in: .whitespaces)
        return !s.isEmpty && !["无", "否", "没有", "无异议", "0", "N", "n"].contains(s)
    }
}
