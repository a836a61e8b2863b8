package dev.airlock.core.export;

import dev.airlock.core.plugin.Plugins;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The exporters bundled or installed as plugins ({@link Plugins}). */
public final class Exporters {

    private Exporters() {
    }

    /** Every installed exporter, by id. */
    public static List<Exporter> installed() {
        return Plugins.installed().providers(Exporter.class).stream()
                .sorted(Comparator.comparing(Exporter::id)).toList();
    }

    public static Optional<Exporter> byId(String id) {
        return installed().stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
