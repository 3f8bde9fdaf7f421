import Foundation
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import FivefoldModel
@testable import FivefoldIO
@testable import FivefoldCheck
@testable import FivefoldLedger
@testable import FivefoldReport
@testable import FivefoldPipeline
@testable import FivefoldGenerate

/// report.html: one self-contained page with the sections a county leader reads.
final class HTMLReportTests: XCTestCase {
    func testReport_HasEverySectionChartsAndLinksAndNothingExternal() throws {
        let ws = try NightlyWorkspace()
        var data = NightlyDataset.standard()
        data[0].inspectedGrade = "A"
        data[1].cadre = ""
        data[3].recordedSize = 3
        data[4].inspectedGrain = "900"
        try ws.run(data)
        data[1].cadre = "李明"
        let summary = try ws.run(data)

        let path = ws.out + "/report.html"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for external in ["http", "//", "<script", "<link", "<img", "<iframe", "@import", "url("] {
            XCTAssertFalse(text.lowercased().contains(external), "report.html must not reference \(external)")
        }

        let page = try ParsedPage(path: path)
        // The nightly dataset has no accountability tables: the report lists the checks skipped.
        // Its system table leaves 脱贫年度 blank and maps no 六型 or 帮扶措施: warnings, listed
        // right after the totals.
        XCTAssertEqual(summary.warnings.count, 3)
        for warning in summary.warnings { XCTAssertTrue(page.text.contains(warning), warning) }
        XCTAssertEqual(page.sections, ["totals", "warnings", "changes", "by-rule", "skipped", "vocabulary", "by-township", "worst-villages", "measures", "county", "assessment", "worklists", "monitoring"])
        XCTAssertEqual(page.headings, ["总览", "运行警告（请数据组处理）", "回头看：与上次运行相比", "问题按类型", "未执行的核查（缺少输入）", "词汇缺口（请数据组补充词汇表）", "问题按乡镇", "问题最集中的村", "帮扶措施覆盖（六个到村到户）", "县级“三率一度”", "县级考核排名", "核实清单（按乡镇）", "防返贫监测"])
        XCTAssertEqual(page.title, "五个统一数据核查报告 · nightly-test")
        XCTAssertEqual(page.svgCount, 2, "by rule and by township")
        XCTAssertGreaterThanOrEqual(page.barCount, 4)
        XCTAssertEqual(Set(page.links), ["worklists/%E5%B2%A9%E8%84%9A%E9%95%87.xlsx", "worklists/%E5%B2%A9%E8%84%9A%E9%95%87.csv", "findings.csv", "corrections.csv", "summary.json", "monitoring.csv"])
        XCTAssertTrue(page.text.contains("岩脚镇"), "township labels in Chinese")
        XCTAssertTrue(page.text.contains("疑似错退：") || page.text.contains("家庭人口数不符"), "rule titles in Chinese")
        XCTAssertTrue(page.text.contains("综合贫困发生率"))
        XCTAssertTrue(page.text.contains("已解决"))
        XCTAssertTrue(page.text.contains("第 2 次运行（与第 1 次对比）"))
        // Status cards: 0 new, 0 reopened, 3 persisting, 1 resolved.
        XCTAssertTrue(text.contains("<div class=\"n\">1</div><div class=\"k\">已解决</div>"), text)
        XCTAssertTrue(text.contains("<div class=\"n\">3</div><div class=\"k\">持续</div>"))
        XCTAssertTrue(text.contains("@media print"))
        XCTAssertFalse(text.contains("520203196"), "ID numbers masked")
    }

    /// The findings table on the sample: a vocabulary gap (about no household) is listed under
    /// 非户级, an unregistered interview household's finding under 未建档户, the others under
    /// their 乡镇 and 村 — each on one line (a narrow column broke after every character).
    func testReport_FindingRowsNameTheirTownshipOrSayTheyHaveNone() throws {
        let text = try String(contentsOfFile: SampleRunTests.run.out + "/report.html", encoding: .utf8)
        let rows = text.components(separatedBy: "<tr>").filter { $0.contains("<span class=\"tag ") }
        let gap = try XCTUnwrap(rows.first { $0.contains("词汇缺口（代码表未收录的取值）") })
        XCTAssertTrue(gap.contains("<td class=\"place\">非户级</td>"), gap)
        let unregistered = try XCTUnwrap(rows.first { $0.contains("四看法") && $0.contains("未建档户吕国华") })
        XCTAssertTrue(unregistered.contains("<td class=\"place\">未建档户</td>"), unregistered)
        let registered = try XCTUnwrap(rows.first { $0.contains("5202031002010003") })
        XCTAssertTrue(registered.contains("<td class=\"place\">郎岱镇</td><td class=\"place\">青菜塘村</td>"), registered)
        XCTAssertTrue(text.contains("td.place { white-space: nowrap; }"))
    }

    func testReport_NotWrittenWhenThePipelineSaysSo() throws {
        let ws = try NightlyWorkspace(htmlReport: false)
        try ws.run(.standard())
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.out + "/report.html"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.out + "/summary.json"))
    }
}

/// report.html read with an XML parser (the writer emits well-formed markup).
final class ParsedPage: NSObject, XMLParserDelegate {
    var sections: [String] = []
    var headings: [String] = []
    var links: [String] = []
    var title = ""
    var text = ""
    var svgCount = 0
    var barCount = 0
    private var capture: String?
    private var buffer = ""

    init(path: String) throws {
        super.init()
        let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: path)))
        parser.delegate = self
        guard parser.parse() else {
            throw NSError(domain: "ParsedPage", code: 1, userInfo: [NSLocalizedDescriptionKey: "report.html is not well-formed: \(String(describing: parser.parserError))"])
        }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "section": sections.append(attributes["id"] ?? "")
        case "a": links.append(attributes["href"] ?? "")
        case "svg": svgCount += 1
        case "rect": barCount += 1
        case "h2", "title":
            if capture == nil { capture = name; buffer = "" }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
        if capture != nil { buffer += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard name == capture else { return }
        if name == "h2" { headings.append(buffer) } else if title.isEmpty { title = buffer }
        capture = nil
    }
}
