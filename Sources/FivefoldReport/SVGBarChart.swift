/// A horizontal bar chart as inline SVG: one row per item, each bar stacked by severity, the
/// total at the bar's end. Inline so report.html needs no script, no library and no file beside it.
struct SVGBarChart {
    struct Row {
        var label: String
        /// Bar segments left to right: value and CSS class (`sev-error`, `sev-warning`, `sev-info`).
        var segments: [(value: Int, cssClass: String)]
        var total: Int { segments.reduce(0) { $0 + $1.value } }
    }

    var title: String
    var rows: [Row]
    var width = 760
    var labelWidth = 250
    var rowHeight = 24

    func render() -> String {
        let maxTotal = max(1, rows.map(\.total).max() ?? 1)
        let barArea = Double(width - labelWidth - 70)
        let height = max(rowHeight, rows.count * rowHeight) + 8
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTML.escape(title))\">\n"
        svg += "<title>\(HTML.escape(title))</title>\n"
        for (i, row) in rows.enumerated() {
            let y = 4 + i * rowHeight
            let mid = y + rowHeight / 2
            svg += "<text class=\"label\" x=\"\(labelWidth - 8)\" y=\"\(mid + 4)\" text-anchor=\"end\">\(HTML.escape(row.label))</text>\n"
            var x = Double(labelWidth)
            for segment in row.segments where segment.value > 0 {
                let w = max(1, barArea * Double(segment.value) / Double(maxTotal))
                svg += "<rect class=\"\(segment.cssClass)\" x=\"\(format(x))\" y=\"\(y + 3)\" width=\"\(format(w))\" height=\"\(rowHeight - 6)\"><title>\(HTML.escape(row.label))：\(segment.value)</title></rect>\n"
                x += w
            }
            svg += "<text class=\"value\" x=\"\(format(x + 6))\" y=\"\(mid + 4)\">\(HTML.count(row.total))</text>\n"
        }
        svg += "</svg>"
        return svg
    }

    private func format(_ v: Double) -> String {
        let rounded = (v * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
