package dev.airlock.desktop.model;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.export.ExportFiles;
import dev.airlock.core.export.ExportOptions;
import dev.airlock.core.export.ExportReport;
import dev.airlock.core.export.ExportResult;
import dev.airlock.core.export.Exporter;
import dev.airlock.core.export.Exporters;
import dev.airlock.core.topology.Topology;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * File → Export → Kubernetes…, Compose… and whatever other exporter in the catalog writes a directory: the same
 * plugins as {@code airlock export ID}, their options, and the same report once written.
 */
public final class DirectoryExports {

    /** One option the dialog offers: a choice among values (the first is the default) or an on/off flag. */
    public record Option(String name, String label, List<String> choices) {

        public static Option flag(String name, String label) {
            return new Option(name, label, List.of());
        }

        public boolean isFlag() {
            return choices.isEmpty();
        }
    }

    private static final Option ALLOW_RISKS = Option.flag("allow-risks",
            "Allow risks (export a loosened sandbox, each loosening listed)");
    /** The kubernetes exporter's options, as {@code airlock export kubernetes} takes them; "" leaves one unset. */
    private static final List<Option> KUBERNETES = List.of(
            new Option("sandbox", "Agents run as", List.of("deployment", "agent-sandbox")),
            new Option("runtime-class", "Runtime class", List.of("", "gvisor", "kata")),
            Option.flag("agentic-networking", "MCP tools as XBackend / XAccessPolicy (alpha)"),
            ALLOW_RISKS);

    private DirectoryExports() {
    }

    /** Every installed exporter that writes a directory, by id. */
    public static List<Exporter> available() {
        return Exporters.installed().stream().filter(e -> e.formats().isEmpty()).toList();
    }

    /** The menu's name for an exporter: {@code Kubernetes…} for {@code kubernetes}. */
    public static String label(Exporter e) {
        return Character.toUpperCase(e.id().charAt(0)) + e.id().substring(1) + "…";
    }

    public static List<Option> options(Exporter e) {
        return e.id().equals("kubernetes") ? KUBERNETES : List.of(ALLOW_RISKS);
    }

    /**
     * Exports {@code t} with the chosen options (empty values and flags left off are not passed) into {@code dir},
     * all at once, and returns the report's lines.
     *
     * @throws ExportException when the exporter refuses (a loosened sandbox without allow-risks); nothing is written
     */
    public static List<String> write(Exporter e, Topology t, Map<String, String> chosen, Path dir)
            throws ExportException, IOException {
        Map<String, String> options = new TreeMap<>();
        chosen.forEach((k, v) -> {
            if (!v.isEmpty() && !v.equals("false")) {
                options.put(k, v);
            }
        });
        ExportResult result = e.export(t, new ExportOptions(options));
        ExportFiles.writeTree(result, dir);
        return ExportReport.lines(e.id(), t.name(), dir.toString(), result);
    }
}
