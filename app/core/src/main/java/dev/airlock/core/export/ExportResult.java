package dev.airlock.core.export;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The files of one export, in a stable order, each at a relative path. */
public record ExportResult(List<ExportedFile> files) {

    public ExportResult {
        files = List.copyOf(files);
        Set<String> seen = new HashSet<>();
        for (ExportedFile f : files) {
            if (!seen.add(f.path())) {
                throw new IllegalArgumentException("two exported files at " + f.path());
            }
        }
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
