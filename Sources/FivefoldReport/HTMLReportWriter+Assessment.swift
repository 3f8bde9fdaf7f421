extension HTMLReportWriter {
    /// 县级考核排名: the counties of assessment.csv, ranked, with tier and 约谈 flag.
    func countyAssessment() -> String {
        guard !assessment.isEmpty else { return "" }
        var html = "<section id=\"assessment\">\n<h2>县级考核排名</h2>\n<table>\n<thead><tr><th class=\"num\">排名</th><th>县（区划）</th><th class=\"num\">综合得分</th><th>等次</th>"
        html += AssessmentSettings.Indicator.allCases.map { "<th class=\"num\">\($0.chinese)</th>" }.joined()
        html += "<th class=\"num\">连续较差</th><th>约谈</th></tr></thead>\n<tbody>\n"
        for a in assessment {
            let name = a.name.isEmpty ? a.county : "\(a.name)（\(a.county)）"
            let values = AssessmentSettings.Indicator.allCases.map { i -> String in
                guard let v = a.values[i] else { return "—" }
                return i == .findings ? String(format: "%.2f", v) : HTML.percent(v)
            }
            html += "<tr><td class=\"num\">\(a.rank)</td><td>\(HTML.escape(name))</td><td class=\"num\">\(String(format: "%.2f", a.score))</td><td>\(a.tier)</td>"
            html += values.map { "<td class=\"num\">\($0)</td>" }.joined()
            html += "<td class=\"num\">\(a.poorRuns)</td><td>\(a.interview ? "约谈" : "")</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        html += "<p class=\"note\">综合得分为各项指标得分（达到标准 100 分，至“较差线” 0 分，其间线性）的加权平均，权重与等次线见流水线 assessment 配置；错退率、漏评率、错评率为疑似值。得分相同按县代码排序。办结率 = 台账中已解决的问题 ÷ 台账记录的全部问题（首次运行无）。连续较差达到设定次数的县标注“约谈”。</p>\n"
        return html + "</section>\n\n"
    }
}
