/// The style sheet of report.html, inline: system fonts only (no web fonts), colours that survive
/// printing, and a print layout that keeps each section and table row whole on A4.
enum ReportStyle {
    static let css = """
        :root { --ink: #1d2733; --muted: #5f6b7a; --line: #d9dee5; --accent: #1f4e79;
          --error: #c0392b; --warning: #e0a030; --info: #8c96a3; --good: #2e7d32; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1120px; padding: 24px 28px 48px; color: var(--ink);
          font: 14px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
            "WenQuanYi Micro Hei", sans-serif; background: #fff; }
        h1 { font-size: 24px; margin: 0 0 4px; color: var(--accent); }
        h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
        h3 { font-size: 15px; margin: 18px 0 8px; }
        .meta { color: var(--muted); margin: 0; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; }
        .card { flex: 1 1 150px; border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
        .card .n { font-size: 26px; font-weight: 700; line-height: 1.3; }
        .card .k { color: var(--muted); font-size: 13px; }
        .card.error .n { color: var(--error); } .card.warning .n { color: #b7791f; }
        .card.good .n { color: var(--good); } .card.new .n { color: var(--error); }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #f2f5f8; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.place { white-space: nowrap; }
        td.kind { min-width: 6.5em; }
        .note { color: var(--muted); font-size: 12.5px; }
        .chart { max-width: 100%; height: auto; }
        .chart text { font-size: 12px; fill: var(--ink); }
        .chart .value { fill: var(--muted); }
        .sev-error { fill: var(--error); } .sev-warning { fill: var(--warning); } .sev-info { fill: var(--info); }
        .legend span { display: inline-block; margin-right: 14px; }
        .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
        .legend .e { background: var(--error); } .legend .w { background: var(--warning); } .legend .i { background: var(--info); }
        .tag { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; color: #fff; }
        .tag.new { background: var(--error); } .tag.reopened { background: #8e44ad; } .tag.resolved { background: var(--good); }
        ul.files { columns: 3; padding-left: 18px; }
        footer { margin-top: 36px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10.5pt; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          h2 { break-after: avoid; }
          section { break-inside: avoid-page; }
          tr, .card, .chart { break-inside: avoid; }
          thead { display: table-header-group; }
          a { color: inherit; text-decoration: none; }
          ul.files { columns: 2; }
        }
        """
}
