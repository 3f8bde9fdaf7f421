import Foundation
import FivefoldModel

/// One 公示: an identification or an exit posted for objections from `start` to `end`.
public struct PublicNotice: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case identification = "识别"
        case exit = "退出"

        /// 识别 / 识别公示 / 纳入 / 拟纳入公示 / 贫困户识别公示 …; 退出 / 退出公示 / 拟退出 / 脱贫退出公示
        /// …: by the word anywhere in the cell (拟退出 and 拟纳入, the notices' usual names, were
        /// "unknown 类型" and quarantined). Nil for anything else, and for a cell naming both.
        public static func parse(_ raw: String) -> Kind? {
            let s = raw.replacingOccurrences(of: " ", with: "")
            let identification = ["识别", "纳入", "评定"].contains { s.contains($0) }
            let exit = ["退出", "脱贫"].contains { s.contains($0) }
            switch (identification, exit) {
            case (true, false): return .identification
            case (false, true): return .exit
            default: return nil
            }
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
