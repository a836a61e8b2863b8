package dev.airlock.core.export;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of one export, in a stable order, each at a relative path; and what the exporter found on the way
 * (empty for exporters that only translate), so that the workbench can show it on the canvas.
 */
public record ExportResult(List<ExportedFile> files, List<ExportFinding> findings) {

    public ExportResult {
        files = List.copyOf(files);
        findings = List.copyOf(findings);
        Set<String> seen = new HashSet<>();
        for (ExportedFile f : files) {
            if (!seen.add(f.path())) {
                throw new IllegalArgumentException("two exported files at " + f.path());
            }
        }
    }

    public ExportResult(List<ExportedFile> files) {
        this(files, List.of());
    }

    public static ExportResult of(ExportedFile file) {
        return new ExportResult(List.of(file));
    }

    /** The one file of a single-file export (a report, a model). */
    public ExportedFile single() {
        if (files.size() != 1) {
            throw new IllegalStateException("the export has " + files.size() + " files, not one");
        }
        return files.getFirst();
    }
}
