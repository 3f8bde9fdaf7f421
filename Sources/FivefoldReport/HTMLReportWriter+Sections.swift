import Foundation
import FivefoldModel
import FivefoldCheck
import FivefoldLedger

extension HTMLReportWriter {
    func header() -> String {
        var meta = ["数据截至 \(summary.asOf)"]
        if let run = tracking.runID {
            meta.append("第 \(run) 次运行" + (tracking.previousRunID.map { "（与第 \($0) 次对比）" } ?? "（首次运行）"))
        }
        meta.append("流水线 \(summary.pipeline)")
        return """
            <header>
            <h1>五个统一数据核查报告</h1>
            <p class="meta">\(HTML.escape(meta.joined(separator: " · ")))</p>
            <p class="meta">输入：\(HTML.escape(summary.inputFolder))</p>
            </header>

            """
    }

    func card(_ value: Int, _ label: String, _ style: String = "") -> String {
        "<div class=\"card \(style)\"><div class=\"n\">\(HTML.count(value))</div><div class=\"k\">\(HTML.escape(label))</div></div>\n"
    }

    func totals() -> String {
        let bySeverity = summary.findingsBySeverity
        var html = "<section id=\"totals\">\n<h2>总览</h2>\n<div class=\"cards\">\n"
        html += card(summary.households, "建档户（户）")
        html += card(summary.findings, "发现问题（条）")
        html += card(bySeverity["error"] ?? 0, "其中 错误", "error")
        html += card(bySeverity["warning"] ?? 0, "其中 警告", "warning")
        html += card(bySeverity["info"] ?? 0, "其中 提示")
        html += card(summary.corrections, "已依据证据更正（处）", "good")
        html += card(summary.worklistItems, "待入户核实（条）")
        html += card(summary.unregisteredInterviewHouseholds, "走访未建档户（户）")
        html += "</div>\n</section>\n\n"
        return html
    }

    func changes() -> String {
        let counts = tracking.counts
        var html = "<section id=\"changes\">\n<h2>回头看：与上次运行相比</h2>\n"
        if tracking.runID == nil {
            html += "<p class=\"note\">本次运行未使用台账（--no-ledger），全部问题按新增计。</p>\n"
        } else if tracking.previousRunID == nil {
            html += "<p class=\"note\">这是台账中的首次运行，全部问题按新增计。</p>\n"
        }
        html += "<div class=\"cards\">\n"
        html += card(counts.new, "新增", "new")
        html += card(counts.reopened, "复现（曾解决又出现）", "error")
        html += card(counts.persisting, "持续")
        html += card(counts.resolved, "已解决", "good")
        html += "</div>\n"

        let fresh = findings.filter { tracking.status(of: $0.id) != .persisting }.sorted {
            ($0.regionCode, $0.householdID, $0.rule, $0.memberID, $0.field, $0.id) < ($1.regionCode, $1.householdID, $1.rule, $1.memberID, $1.field, $1.id)
        }
        var seen = Set<String>()
        let freshUnique = fresh.filter { seen.insert($0.id).inserted }
        html += "<h3>新增与复现的问题</h3>\n"
        html += table(
            rows: freshUnique.prefix(Self.listLimit).map { f in
                row(status: tracking.status(of: f.id), id: f.id, rule: f.rule, household: f.householdID, region: f.regionCode,
                    member: f.memberID, field: f.field, message: f.message)
            }, total: freshUnique.count, empty: "没有新增或复现的问题。")
        html += "<h3>已解决的问题</h3>\n"
        let resolved = tracking.resolved.sorted {
            ($0.regionCode, $0.householdID, $0.rule, $0.findingID) < ($1.regionCode, $1.householdID, $1.rule, $1.findingID)
        }
        html += table(
            rows: resolved.prefix(Self.listLimit).map { r in
                row(status: .resolved, id: r.findingID, rule: r.rule, household: r.householdID, region: r.regionCode,
                    member: r.memberID, field: r.field, message: r.message)
            }, total: resolved.count, empty: "没有自上次运行以来解决的问题。")
        html += "</section>\n\n"
        return html
    }

    private func row(
        status: FindingStatus, id: String, rule: String, household: String, region: String, member: String, field: String,
        message: String
    ) -> String {
        let cells = [
            "<span class=\"tag \(status.rawValue)\">\(status.chineseLabel)</span>",
            HTML.escape(id), HTML.escape(RuleRegistry.chineseTitle(rule)),
            HTML.escape(township(household: household, region: region, rule: rule)), HTML.escape(village(household: household, region: region)),
            HTML.escape(household), HTML.escape(mask(member)), HTML.escape(field.isEmpty ? "" : FieldCatalog.chinese(FieldID(field))),
            HTML.escape(mask(message)),
        ]
        // The tag, 乡镇 and 村 on one line, 问题类型 at least a few characters wide: in a browser's
        // narrow columns they broke after every character (郎 / 岱 / 镇 stacked).
        let classes = [" class=\"place\"", "", " class=\"kind\"", " class=\"place\"", " class=\"place\"", "", "", "", ""]
        return "<tr>" + zip(classes, cells).map { "<td\($0)>\($1)</td>" }.joined() + "</tr>\n"
    }

    private func table(rows: [String], total: Int, empty: String) -> String {
        guard !rows.isEmpty else { return "<p class=\"note\">\(empty)</p>\n" }
        var html = "<table>\n<thead><tr><th>状态</th><th>问题编号</th><th>问题类型</th><th>乡镇</th><th>村</th><th>户编号</th><th>成员</th><th>字段</th><th>说明</th></tr></thead>\n<tbody>\n"
        html += rows.joined()
        html += "</tbody>\n</table>\n"
        if total > rows.count {
            html += "<p class=\"note\">另有 \(HTML.count(total - rows.count)) 条未列出，详见 findings.csv 与台账。</p>\n"
        }
        return html
    }

    func byRule() -> String {
        var counts: [String: [Severity: Int]] = [:]
        for f in findings { counts[f.rule, default: [:]][f.level, default: 0] += 1 }
        let rows = counts.map { rule, bySeverity in
            SVGBarChart.Row(
                label: "\(RuleRegistry.chineseTitle(rule))（\(rule)）",
                segments: [Severity.error, .warning, .info].map { (bySeverity[$0] ?? 0, Self.severityClass($0)) })
        }.sorted { ($1.total, $0.label) < ($0.total, $1.label) }
        var html = "<section id=\"by-rule\">\n<h2>问题按类型</h2>\n"
        html += rows.isEmpty ? "<p class=\"note\">没有发现问题。</p>\n"
            : Self.legend + SVGBarChart(title: "问题按类型", rows: rows, labelWidth: 330).render() + "\n"
        html += "</section>\n\n"
        return html
    }

    func byTownship() -> String {
        var counts: [String: [Severity: Int]] = [:]
        for f in findings {
            counts[township(household: f.householdID, region: f.regionCode, rule: f.rule), default: [:]][f.level, default: 0] += 1
        }
        let rows = counts.map { name, bySeverity in
            SVGBarChart.Row(label: name, segments: [Severity.error, .warning, .info].map { (bySeverity[$0] ?? 0, Self.severityClass($0)) })
        }.sorted { ($1.total, $0.label) < ($0.total, $1.label) }
        var html = "<section id=\"by-township\">\n<h2>问题按乡镇</h2>\n"
        html += rows.isEmpty ? "<p class=\"note\">没有发现问题。</p>\n"
            : Self.legend + SVGBarChart(title: "问题按乡镇", rows: rows).render() + "\n"
        html += "</section>\n\n"
        return html
    }

    func worstVillages() -> String {
        var findingsByVillage: [String: Int] = [:]
        var householdsWithFindings: [String: Set<String>] = [:]
        for f in findings where !f.regionCode.isEmpty {
            findingsByVillage[f.regionCode, default: 0] += 1
            if !f.householdID.isEmpty { householdsWithFindings[f.regionCode, default: []].insert(f.householdID) }
        }
        let incidence = Dictionary(summary.villages.map { ($0.regionCode, $0) }, uniquingKeysWith: { a, _ in a })
        struct Line { var code: String; var findings: Int; var households: Int; var affected: Int; var perHousehold: Double }
        let lines = findingsByVillage.map { code, n -> Line in
            let households = places[code]?.households ?? incidence[code]?.households ?? 0
            return Line(code: code, findings: n, households: households, affected: householdsWithFindings[code]?.count ?? 0,
                        perHousehold: households > 0 ? Double(n) / Double(households) : Double(n))
        }.sorted { ($1.perHousehold, $1.findings, $0.code) < ($0.perHousehold, $0.findings, $1.code) }
        var html = "<section id=\"worst-villages\">\n<h2>问题最集中的村</h2>\n"
        guard !lines.isEmpty else { return html + "<p class=\"note\">没有村级问题。</p>\n</section>\n\n" }
        html += "<p class=\"note\">按每户问题数排序，前 \(Self.villageLimit) 个村；贫困发生率 = 未脱贫/返贫户成员 ÷ 户籍人口（更正后数据）。</p>\n"
        html += "<table>\n<thead><tr><th>乡镇</th><th>村</th><th>区划代码</th><th class=\"num\">户数</th><th class=\"num\">问题</th><th class=\"num\">有问题的户</th><th class=\"num\">每户问题数</th><th class=\"num\">贫困发生率</th><th>贫困村类别（记录/测算）</th></tr></thead>\n<tbody>\n"
        for line in lines.prefix(Self.villageLimit) {
            let place = places[line.code]
            let v = incidence[line.code]
            let cells = [
                HTML.escape(place?.township ?? ""), HTML.escape(place?.village ?? v?.name ?? ""), HTML.escape(line.code),
            ]
            let numbers = [
                HTML.count(line.households), HTML.count(line.findings), HTML.count(line.affected),
                String(format: "%.2f", line.perHousehold), HTML.percent(v?.incidence),
            ]
            let classes = v.map { "\($0.recordedClass.isEmpty ? "—" : $0.recordedClass) / \($0.computedClass ?? "非贫困村")" } ?? "—"
            html += "<tr>" + cells.map { "<td class=\"place\">\($0)</td>" }.joined() + numbers.map { "<td class=\"num\">\($0)</td>" }.joined()
                + "<td>\(HTML.escape(classes))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</section>\n\n"
        return html
    }

    func countyFigures() -> String {
        var html = "<section id=\"county\">\n<h2>县级“三率一度”</h2>\n"
        guard !summary.counties.isEmpty else { return html + "<p class=\"note\">数据不足以计算。</p>\n</section>\n\n" }
        html += "<table>\n<thead><tr><th>县（区划）</th><th class=\"num\">户数</th><th class=\"num\">户籍人口</th><th class=\"num\">贫困人口</th><th class=\"num\">综合贫困发生率</th><th class=\"num\">错退率（疑似）</th><th class=\"num\">漏评率（疑似）</th><th class=\"num\">群众认可度</th></tr></thead>\n<tbody>\n"
        func rate(_ r: CountyFigures.Rate?) -> String {
            guard let r else { return "—" }
            return "\(HTML.percent(r.percent))<br/><span class=\"note\">\(HTML.count(r.numerator)) / \(HTML.count(r.denominator))</span>"
        }
        for c in summary.counties {
            let name = c.county == "all" ? "全部" : countyNames[c.county].map { "\($0)（\(c.county)）" } ?? c.county
            let cells = [
                HTML.count(c.households), HTML.count(c.population), HTML.count(c.registeredPoor),
                rate(c.comprehensiveIncidence), rate(c.suspectedWrongExitRate), rate(c.suspectedOmissionRate), rate(c.approvalRate),
            ]
            html += "<tr><td>\(HTML.escape(name))</td>" + cells.map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        html += "<p class=\"note\">口径见 summary.json 的 counties。贫困县退出评估（国开办发〔2017〕56号）的参考标准：综合贫困发生率低于 2%（西部省份低于 3%），错退率、漏评率低于 2%，群众认可度不低于 90%。错退率与漏评率为数据比对得出的疑似值，须经核实。</p>\n"
        html += "</section>\n\n"
        return html
    }

    func worklists() -> String {
        var html = "<section id=\"worklists\">\n<h2>核实清单（按乡镇）</h2>\n"
        guard !summary.worklists.isEmpty else { return html + "<p class=\"note\">本次没有需要入户核实的问题。</p>\n</section>\n\n" }
        html += "<p class=\"note\">每个乡镇一份 Excel 表格（.xlsx，编号列为文本，电子表格不会改动）和一份 UTF-8 CSV；核实后填写“核实结果、核实人、核实日期”三列交回，由 fivefold signoff 导入。</p>\n<ul class=\"files\">\n"
        for (file, count) in summary.worklists.sorted(by: { $0.key < $1.key }) {
            guard file.hasSuffix(".csv") else {
                html += "<li>\(HTML.link("worklists/\(file)", file))（\(HTML.count(count)) 条）</li>\n"
                continue
            }
            let name = String(file.dropLast(4))
            html += "<li>\(HTML.link("worklists/\(name).xlsx", name))（\(HTML.count(count)) 条；\(HTML.link("worklists/\(file)", "CSV"))）</li>\n"
        }
        html += "</ul>\n</section>\n\n"
        return html
    }

    func footer() -> String {
        let files = [("findings.csv", "问题明细"), ("corrections.csv", "更正记录"), ("summary.json", "汇总数据")]
        return "<footer>由 Fivefold 生成。" + files.map { "\($0.1)：\(HTML.link($0.0, $0.0))" }.joined(separator: "；") + "。</footer>\n"
    }

    /// 词汇缺口: repeated values outside a code list, each with the line that fills the gap (for
    /// the data team; the rows are not on any worklist).
    func vocabularyGaps() -> String {
        let gaps = summary.vocabularyGaps ?? []
        var html = "<section id=\"vocabulary\">\n<h2>词汇缺口（请数据组补充词汇表）</h2>\n"
        guard !gaps.isEmpty else { return html + "<p>无：代码表之外的取值均为零星个例，已按“数据值无效”逐条列出。</p>\n</section>\n\n" }
        html += "<table>\n<thead><tr><th>来源</th><th>字段</th><th>取值</th><th>次数</th><th>示例户</th><th>加入词汇表扩展文件</th></tr></thead>\n<tbody>\n"
        for g in gaps {
            let cells = [SourceID(g.source).chineseLabel, FieldCatalog.chinese(FieldID(g.field)), g.value, HTML.count(g.count),
                         g.examples.joined(separator: "、"), g.yaml]
            html += "<tr>" + cells.enumerated().map { i, c in i == 3 ? "<td class=\"num\">\(c)</td>" : "<td>\(HTML.escape(c))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n\n"
    }
}

extension HTMLReportWriter {
    /// The run's warnings (summary.json `warnings`, also on stderr): an input file that broke off,
    /// a key mostly blank, a column blank in every row. Each can make findings false or missing,
    /// so the page says so before any figure is read. Absent when there are none.
    func inputWarnings() -> String {
        guard !summary.warnings.isEmpty else { return "" }
        var html = "<section id=\"warnings\">\n<h2>运行警告（请数据组处理）</h2>\n"
        html += "<p class=\"note\">以下警告在读取输入和流水线配置时产生，可能使本报告的问题漏报或误报；请数据组核对后重新运行。</p>\n<ul>\n"
        for warning in summary.warnings { html += "<li>\(HTML.escape(mask(warning)))</li>\n" }
        return html + "</ul>\n</section>\n\n"
    }

    /// The checks that did not run for lack of an optional input (summary.json `skipped_checks`),
    /// so a reader does not take their silence for a clean result. Absent when every check ran.
    func skippedChecks() -> String {
        let skipped = summary.skippedChecks
        guard !skipped.isEmpty else { return "" }
        var html = "<section id=\"skipped\">\n<h2>未执行的核查（缺少输入）</h2>\n"
        html += "<p class=\"note\">以下核查因数据包中缺少相应文件而未执行，不代表没有问题。</p>\n"
        html += "<table>\n<thead><tr><th>核查</th><th>规则</th><th>原因</th></tr></thead>\n<tbody>\n"
        for s in skipped {
            html += "<tr><td>\(HTML.escape(RuleRegistry.chineseTitle(s.rule)))</td><td>\(HTML.escape(s.rule))</td><td>\(HTML.escape(s.reason))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n\n"
    }
}
