package dev.airlock.desktop.model;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.export.ExportFiles;
import dev.airlock.core.export.ExportFinding;
import dev.airlock.core.export.ExportOptions;
import dev.airlock.core.export.ExportResult;
import dev.airlock.core.export.Exporter;
import dev.airlock.core.export.Exporters;
import dev.airlock.core.topology.Topology;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * File → Export → Threat Model: the same exporter plugin as {@code airlock threat-model}, and its findings for the
 * canvas. Once a model has been exported, the findings follow the drawing: each edit recomputes them (the analysis
 * takes milliseconds), so a mark never describes a topology that is no longer there.
 */
public final class ThreatModelExport {

    public static final String EXPORTER = "threat-model";

    private final Optional<Exporter> exporter = Exporters.byId(EXPORTER);
    private final ObservableMap<String, String> findings = FXCollections.observableMap(new LinkedHashMap<>());
    private boolean shown;

    /** Whether the exporter plugin is installed; without it the menu item is disabled. */
    public boolean available() {
        return exporter.isPresent();
    }

    /** File name extensions the exporter writes, e.g. {@code json}. */
    public List<String> formats() {
        return exporter.map(Exporter::formats).orElse(List.of());
    }

    /** Element key ({@code agent:researcher}) to what the threat model found there; empty until an export. */
    public ObservableMap<String, String> findings() {
        return findings;
    }

    /**
     * Writes the threat model of {@code t} to {@code out} in the format its extension names, all at once, and shows
     * its findings from now on.
     *
     * @throws ExportException for an extension the exporter does not write; nothing is written then
     */
    public void write(Topology t, Path out) throws IOException, ExportException {
        Exporter e = exporter.orElseThrow(() -> new ExportException("the threat-model exporter is not installed"));
        String name = out.getFileName() == null ? "" : out.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (!name.contains(".") || !e.formats().contains(extension)) {
            throw new ExportException(out + ": name a file ending in ." + String.join(", .", e.formats()));
        }
        ExportResult result = e.export(t, ExportOptions.format(extension));
        ExportFiles.writeFile(result.single(), out);
        shown = true;
        show(result.findings());
    }

    /** Recomputes the findings for an edited drawing, once a model has been exported. */
    public void refresh(Topology t) {
        if (!shown || exporter.isEmpty()) {
            return;
        }
        try {
            show(exporter.get().export(t, ExportOptions.format(formats().getFirst())).findings());
        } catch (ExportException | RuntimeException e) {
            // A drawing half-way through an edit may not be modelled; its marks come back with the next edit.
            findings.clear();
        }
    }

    private void show(List<ExportFinding> found) {
        Map<String, String> next = new LinkedHashMap<>();
        found.forEach(f -> next.merge(f.element(), f.text(), (a, b) -> a + "\n" + b));
        findings.keySet().retainAll(next.keySet());
        findings.putAll(next);
    }
}
