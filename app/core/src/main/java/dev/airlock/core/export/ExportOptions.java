package dev.airlock.core.export;

import java.util.Map;
import java.util.Optional;

/** Named settings for one export, e.g. {@code format=md}; each exporter documents the names it reads. */
public record ExportOptions(Map<String, String> values) {

    public static final String FORMAT = "format";

    public ExportOptions {
        values = Map.copyOf(values);
    }

    public static ExportOptions format(String format) {
        return new ExportOptions(Map.of(FORMAT, format));
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
