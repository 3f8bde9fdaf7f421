import FivefoldModel

extension MemberFacts {
    /// A 建档立卡 household: 未脱贫, 已脱贫 or 返贫 (预脱贫 reads as 未脱贫). Not 边缘户 or 非贫困户,
    /// which are monitored or not poor but hold no filing card, and not a blank status (unknown:
    /// `value.invalid` / `unify.*` say what is wrong with it). The 六型 type and 帮扶措施 are
    /// filing-card facts (`household.type`, `household.measures`, measure coverage).
    public static func holdsFilingCard(_ status: String?) -> Bool {
        CanonicalText.equals(status, "未脱贫") || CanonicalText.equals(status, "已脱贫") || CanonicalText.equals(status, "返贫")
    }
}
