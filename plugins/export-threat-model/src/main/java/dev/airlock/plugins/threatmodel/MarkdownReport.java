package dev.airlock.plugins.threatmodel;

import dev.airlock.plugins.threatmodel.Report.Block;
import dev.airlock.plugins.threatmodel.Report.Heading;
import dev.airlock.plugins.threatmodel.Report.Paragraph;
import dev.airlock.plugins.threatmodel.Report.Table;

import java.util.List;

/** The report as GitHub-flavoured Markdown. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String write(ThreatModel model) {
        StringBuilder md = new StringBuilder();
        for (Block b : Report.of(model)) {
            if (!md.isEmpty()) {
                md.append('\n');
            }
            switch (b) {
                case Heading h -> md.append("#".repeat(h.level())).append(' ').append(inline(h.text())).append('\n');
                case Paragraph p -> md.append(inline(p.text())).append('\n');
                case Table t -> {
                    row(md, t.header());
                    md.append('|').append("---|".repeat(t.header().size())).append('\n');
                    t.rows().forEach(r -> row(md, r));
                }
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        cells.forEach(c -> md.append(' ').append(inline(c).replace("|", "\\|")).append(" |"));
        md.append('\n');
    }

    /** Names from the topology may hold Markdown; escaped, they show as typed and cannot add links or markup. */
    private static String inline(String text) {
        return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
                .replace("[", "\\[").replace("]", "\\]").replace("<", "&lt;").replace("\n", " ");
    }
}
