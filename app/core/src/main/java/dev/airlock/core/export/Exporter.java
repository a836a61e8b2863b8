package dev.airlock.core.export;

import dev.airlock.core.plugin.Extension;
import dev.airlock.core.topology.Topology;

import java.util.List;

/**
 * Turns a topology into files for another tool (a threat model, cluster manifests). Plugins provide exporters
 * like every {@link Extension}; {@link Exporters} finds them. An exporter only computes: it returns the
 * files and never writes, so the caller can refuse bad input before anything exists and {@link ExportFiles} can
 * put the whole result in place at once.
 */
public interface Exporter extends Extension {

    /** The name users type, e.g. {@code threat-model}. */
    String id();

    @Override
    default String describe() {
        return "exporter " + id();
    }

    /** One line for help and menus. */
    String description();

    /**
     * The file formats a single-file export can be asked for with {@link ExportOptions#FORMAT}, as file name
     * extensions without the dot (e.g. {@code json}, {@code md}); empty for exporters that write a directory. Callers
     * check a user's choice against these before any work, and file choosers offer them.
     */
    List<String> formats();

    /**
     * @throws ExportException when the options ask for something this exporter cannot produce; its message is one
     *                         line for the user
     */
    ExportResult export(Topology topology, ExportOptions options) throws ExportException;
}
