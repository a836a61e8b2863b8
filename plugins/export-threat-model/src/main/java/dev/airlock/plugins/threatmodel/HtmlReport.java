package dev.airlock.plugins.threatmodel;

import dev.airlock.plugins.threatmodel.Report.Block;
import dev.airlock.plugins.threatmodel.Report.Heading;
import dev.airlock.plugins.threatmodel.Report.Paragraph;
import dev.airlock.plugins.threatmodel.Report.Table;

import java.util.List;

/** The report as one self-contained HTML page: no scripts, no external resources, every text escaped. */
final class HtmlReport {

    private static final String STYLE = "body{font-family:sans-serif;max-width:72em;margin:2em auto;padding:0 1em}"
            + "table{border-collapse:collapse;margin:.5em 0 1em}th,td{border:1px solid #ccc;padding:.3em .5em;"
            + "text-align:left;vertical-align:top}th{background:#f3f3f3}"
            + "td.s-not-mitigated{color:#b00020;font-weight:bold}td.s-partly-mitigated{color:#a65e00}"
            + "td.s-mitigated{color:#1b6e20}";

    private HtmlReport() {
    }

    static String write(ThreatModel model) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape("Threat model: " + model.name())).append("</title>\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        for (Block b : Report.of(model)) {
            switch (b) {
                case Heading h -> html.append("<h").append(h.level()).append('>').append(escape(h.text()))
                        .append("</h").append(h.level()).append(">\n");
                case Paragraph p -> html.append("<p>").append(escape(p.text())).append("</p>\n");
                case Table t -> table(html, t);
            }
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder html, Table t) {
        int status = t.header().indexOf("status");
        html.append("<table>\n<tr>");
        t.header().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : t.rows()) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                html.append(i == status ? "<td class=\"s-" + row.get(i).replace(' ', '-') + "\">" : "<td>")
                        .append(escape(row.get(i))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
