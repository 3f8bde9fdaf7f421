import FivefoldLedger

extension HTMLReportWriter {
    /// 抽查核实: the audited 错退率 and 漏评率 from the latest 事后抽查 sample beside the
    /// suspected ones, each with its 95 % interval; absent until a sample has verdicts.
    func auditedRates() -> String {
        guard let audit = summary.audit else { return "" }
        var html = "<section id=\"audit\">\n<h2>事后抽查核实（错退率、漏评率、错评率）</h2>\n"
        html += "<p class=\"note\">抽查样本 \(audit.sample)（种子 \(HTML.escape(audit.seed))，抽自第 \(audit.drawnFromRun) 次运行）：共抽 \(HTML.count(audit.sampled)) 户，已核实 \(HTML.count(audit.verified)) 户。</p>\n"
        html += "<table>\n<thead><tr><th>县（区划）</th><th class=\"num\">错退率（疑似）</th><th class=\"num\">错退率（抽查核实）</th><th class=\"num\">漏评率（疑似）</th><th class=\"num\">漏评率（抽查核实）</th><th class=\"num\">错评率（疑似）</th><th class=\"num\">错评率（抽查核实）</th><th class=\"num\">待核实</th></tr></thead>\n<tbody>\n"
        func suspected(_ r: SampleAudit.Rate?) -> String { HTML.percent(r?.suspectedPercent) }
        func audited(_ r: SampleAudit.Rate?) -> String {
            guard let r else { return "—" }
            let low = String(format: "%.2f%%", r.lower), high = String(format: "%.2f%%", r.upper)
            return "\(String(format: "%.2f%%", r.percent))<br/><span class=\"note\">95% 置信区间 \(low)–\(high)；\(HTML.count(r.confirmed)) / \(HTML.count(r.verified)) 户属实</span>"
        }
        for c in audit.counties {
            let name = c.county == "all" ? "全部" : countyNames[c.county].map { "\($0)（\(c.county)）" } ?? c.county
            let cells = [suspected(c.wrongExit), audited(c.wrongExit), suspected(c.omission), audited(c.omission), suspected(c.wrongInclusion), audited(c.wrongInclusion), HTML.count(c.pending)]
            html += "<tr><td>\(HTML.escape(name))</td>" + cells.map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        html += "<p class=\"note\">错退率（抽查核实）= 抽中的已脱贫户中核实为错退的比例；漏评率（抽查核实）= 疑似漏评率 × 抽中的未建档高分户中核实为漏评的比例；错评率（抽查核实）= 抽中的未脱贫户中核实为错评的比例。置信区间为 Wilson 95% 区间。“全部”合并各县的核实结果，未按各层抽样比加权（每层最少抽取户数会使小层占比偏高）。</p>\n"
        return html + "</section>\n\n"
    }
}
