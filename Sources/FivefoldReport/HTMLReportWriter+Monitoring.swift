import FivefoldModel

extension HTMLReportWriter {
    /// 防返贫监测: the counts of monitoring.csv (`monitor.edge` list entries and 漏评 suspects,
    /// `monitor.relapse` findings), or why the relapse check did not run.
    func monitoring() -> String {
        guard let m = summary.monitoring else { return "" }
        var html = "<section id=\"monitoring\">\n<h2>防返贫监测</h2>\n<div class=\"cards\">\n"
        html += card(m.edgeList, "收入处于监测线以下的脱贫户、边缘户（户）")
        html += card(m.edgeBelowLine, "边缘户收入低于贫困线：疑似漏评（户）", "warning")
        if m.relapseSkipped == nil {
            html += card(m.relapse, "收入骤降或返贫（条）", "warning")
            html += card(m.relapseCompared, "与上次运行对比的户数（户）")
        }
        html += "</div>\n"
        if let why = m.relapseSkipped {
            html += "<p class=\"note\">\(HTML.escape("未做返贫监测（monitor.relapse）：\(why)。"))</p>\n"
        }
        html += "<p class=\"note\">监测名单见 \(HTML.link("monitoring.csv", "monitoring.csv"))（\(HTML.count(m.rows)) 行）；其中“核实”类同时列入核实清单，“监测”类只列入监测名单。</p>\n"
        return html + "</section>\n\n"
    }
}
