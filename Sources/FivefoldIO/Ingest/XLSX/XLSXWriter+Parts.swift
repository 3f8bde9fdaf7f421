// The fixed parts of a written package: content types, relationships, the workbook (sheet list
// and the autofilters' hidden names) and the styles. Cell formats (cellXfs) are indexed as
// `XLSXOutputSheet.style(of:)` computes: 0 default; 1 + text + 2 × editable + 4 × wrap, where
// text is number format 49 (`@`), editable is unlocked with a light yellow fill, wrap wraps;
// 9 is the bold header.

extension XLSXWriter {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    /// Every part of the package, [Content_Types].xml first.
    func parts() -> [(String, [UInt8])] {
        var parts: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array(contentTypes.utf8)),
            ("_rels/.rels", Array(rootRelationships.utf8)),
            ("xl/workbook.xml", Array(workbook.utf8)),
            ("xl/_rels/workbook.xml.rels", Array(workbookRelationships.utf8)),
            ("xl/styles.xml", Array(XLSXWriter.styles.utf8)),
        ]
        for (i, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", sheet.worksheetXML(selected: i == 0)))
        }
        return parts
    }

    private var contentTypes: String {
        let ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var xml = XLSXWriter.declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="\#(ct).sheet.main+xml"/>"#
        xml += #"<Override PartName="/xl/styles.xml" ContentType="\#(ct).styles+xml"/>"#
        for i in sheets.indices {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="\#(ct).worksheet+xml"/>"#
        }
        return xml + "</Types>"
    }

    private var rootRelationships: String {
        XLSXWriter.declaration + #"<Relationships xmlns="\#(XLSXWriter.packageRelationships)">"#
            + #"<Relationship Id="rId1" Type="\#(XLSXWriter.relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    }

    private var workbook: String {
        var xml = XLSXWriter.declaration + #"<workbook xmlns="\#(XLSXWriter.mainNamespace)" xmlns:r="\#(XLSXWriter.relationshipNamespace)">"#
        xml += #"<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (i, sheet) in sheets.enumerated() {
            xml += #"<sheet name="\#(XLSXStringEscape.xmlEscaped(sheet.name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        xml += "</sheets><definedNames>"
        for (i, sheet) in sheets.enumerated() {
            // Excel keeps an autofilter's range in this hidden name; without it Excel repairs the file.
            let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
            let range = "$A$1:$" + XLSXCellReference.letters(sheet.columns.count - 1) + "$" + String(sheet.rowCount + 1)
            xml += #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(i)" hidden="1">"#
            xml += XLSXStringEscape.xmlEscaped(quoted + "!" + range) + "</definedName>"
        }
        return xml + "</definedNames></workbook>"
    }

    private var workbookRelationships: String {
        var xml = XLSXWriter.declaration + #"<Relationships xmlns="\#(XLSXWriter.packageRelationships)">"#
        for i in sheets.indices {
            xml += #"<Relationship Id="rId\#(i + 1)" Type="\#(XLSXWriter.relationshipNamespace)/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(sheets.count + 1)" Type="\#(XLSXWriter.relationshipNamespace)/styles" Target="styles.xml"/>"#
        return xml + "</Relationships>"
    }

    private static let styles: String = {
        var xml = declaration + #"<styleSheet xmlns="\#(mainNamespace)">"#
        xml += #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        xml += #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        xml += #"<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        xml += #"<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/></patternFill></fill>"#
        xml += #"<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        xml += #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        xml += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        xml += #"<cellXfs count="10"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        for i in 0..<8 {
            let text = i & 1 != 0, editable = i & 2 != 0, wrap = i & 4 != 0
            xml += #"<xf numFmtId="\#(text ? 49 : 0)" fontId="0" fillId="\#(editable ? 2 : 0)" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1" applyAlignment="1" applyProtection="1">"#
            xml += #"<alignment vertical="top"\#(wrap ? #" wrapText="1""# : "")/><protection locked="\#(editable ? 0 : 1)"/></xf>"#
        }
        xml += #"<xf numFmtId="49" fontId="1" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyAlignment="1">"#
        xml += #"<alignment vertical="center" wrapText="1"/></xf></cellXfs>"#
        xml += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        return xml + "</styleSheet>"
    }()
}
