import FivefoldModel
import FivefoldLedger

extension WorklistWriter {
    /// The worklist row of a sampled household (事后抽查), in the worklist's own columns so the
    /// file comes back through `fivefold signoff`: 问题编号 is the item's `S…` id, 问题类型 the
    /// stratum's question, 系统值 the registered status, 核实内容 what to verify and what 属实
    /// means; 核实结果 takes 属实 / 不属实. Grouped into one file per county (`samples/<县>.csv`).
    public func sampleItem(_ item: SampleItem, cadreName: String, cadrePhone: String) -> Item {
        let status: String
        switch item.stratum {
        case .exited: status = "已脱贫"
        case .poor: status = "未脱贫"
        case .unregistered: status = "未建档"
        }
        let county = item.countyName.isEmpty ? (item.county == "unknown" ? "未知县" : item.county) : item.countyName
        let stratum = "抽查层：\(county)\(item.stratum.chinese)，共\(item.stratumPopulation)户"
        var row = [
            item.itemID, item.township, item.village, item.householdID, item.headName, cadreName, cadrePhone,
            item.stratum.title, "抽查", FieldCatalog.chinese(.status), "",
        ]
        row += Self.sourceColumns.map { $0.0 == .system ? status : "" }
        row += [stratum, mask(item.stratum.question), "", "", ""]
        return Item(township: county, key: [item.village, cadreName, item.householdID, item.stratum.rawValue, item.headName, "", item.itemID], row: row)
    }
}
