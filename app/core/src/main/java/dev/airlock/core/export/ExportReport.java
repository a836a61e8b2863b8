package dev.airlock.core.export;

import java.util.ArrayList;
import java.util.List;

/**
 * What a directory export says once written, the same in the CLI and the workbench: its files, the sandbox
 * loosenings the user accepted (findings whose text starts with {@link #RISK_PREFIX}), and everything else the
 * exporter found, such as what only the gate enforces because the platform cannot.
 */
public final class ExportReport {

    /** How an exporter marks a finding as an accepted loosening, e.g. {@code risk allowed: runs as root}. */
    public static final String RISK_PREFIX = "risk allowed";

    private ExportReport() {
    }

    /** The report's lines; {@code where} names the directory written ({@code out/k8s}). */
    public static List<String> lines(String exporterId, String topology, String where, ExportResult result) {
        List<String> lines = new ArrayList<>();
        lines.add("Wrote the " + exporterId + " export of " + topology + " to " + where + ":");
        result.files().forEach(f -> lines.add("  " + f.path()));
        List<ExportFinding> risks = result.findings().stream().filter(ExportReport::isRisk).toList();
        lines.add(risks.isEmpty() ? "Risks allowed: none." : "Risks allowed:");
        risks.forEach(f -> lines.add("  " + f.element() + ": "
                + f.text().substring(RISK_PREFIX.length()).replaceFirst("^:\\s*", "")));
        List<ExportFinding> notes = result.findings().stream().filter(f -> !isRisk(f)).toList();
        if (!notes.isEmpty()) {
            lines.add("Enforced by the gate, not the platform, and other notes:");
            notes.forEach(f -> lines.add("  " + f.element() + ": " + f.text()));
        }
        return lines;
    }

    private static boolean isRisk(ExportFinding f) {
        return f.text().startsWith(RISK_PREFIX);
    }
}
