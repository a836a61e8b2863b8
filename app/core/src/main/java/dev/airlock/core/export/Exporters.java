package dev.airlock.core.export;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The exporters installed as plugins. */
public final class Exporters {

    private Exporters() {
    }

    /** Every installed exporter, by id. */
    public static List<Exporter> installed() {
        return ServiceLoader.load(Exporter.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(Exporter::id)).toList();
    }

    public static Optional<Exporter> byId(String id) {
        return installed().stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
