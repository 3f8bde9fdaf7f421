import FivefoldModel

/// 帮扶措施覆盖 (六个到村到户): the share of each village's registered households with a measure
/// of each category, so a leader sees which village lacks which kind of help.
extension HTMLReportWriter {
    func measureCoverage() -> String {
        var html = "<section id=\"measures\">\n<h2>帮扶措施覆盖（六个到村到户）</h2>\n"
        guard let lines = summary.measureCoverage, let first = lines.first else {
            return html + "<p class=\"note\">未统计：数据未映射帮扶措施，或规则 household.measures 已关闭。</p>\n</section>\n\n"
        }
        html += "<p class=\"note\">各村建档立卡户中有该类帮扶措施的户数占比；措施按管道文件 household.measures 的关键词归类，某户可有多类。</p>\n"
        html += "<table>\n<thead><tr><th>乡镇</th><th>村</th><th class=\"num\">建档立卡户</th>"
        html += first.categories.map { "<th class=\"num\">\(HTML.escape($0.category))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for line in lines {
            let place = line.regionCode == "all" ? ["全部", ""] : [line.township, line.village.isEmpty ? line.regionCode : line.village]
            html += "<tr>" + place.map { "<td class=\"place\">\(HTML.escape($0))</td>" }.joined()
                + "<td class=\"num\">\(HTML.count(line.registeredHouseholds))</td>"
                + line.categories.map { "<td class=\"num\">\(HTML.percent($0.percent))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n\n"
    }
}
