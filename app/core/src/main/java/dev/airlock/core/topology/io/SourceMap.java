package dev.airlock.core.topology.io;

import dev.airlock.core.problem.Location;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each part of a loaded topology was written, keyed by a path such as {@code agents/planner/tools/1} or
 * {@code pipes/3/to}. A path that was not recorded falls back to its nearest recorded parent, so a topology built
 * in the desktop (which has no source) still gets a usable location.
 */
public final class SourceMap {

    private final String file;
    private final Map<String, Location> locations;

    private SourceMap(String file, Map<String, Location> locations) {
        this.file = file;
        this.locations = locations;
    }

    public static SourceMap none(String file) {
        return new SourceMap(file, Map.of());
    }

    static SourceMap.Builder builder(String file) {
        return new Builder(file);
    }

    public String file() {
        return file;
    }

    public Location at(String path) {
        String p = path;
        while (true) {
            Location l = locations.get(p);
            if (l != null) {
                return l;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return Location.start(file);
            }
            p = p.substring(0, slash);
        }
    }

    static final class Builder {
        private final String file;
        private final Map<String, Location> locations = new HashMap<>();

        private Builder(String file) {
            this.file = file;
        }

        void put(String path, Location location) {
            locations.putIfAbsent(path, location);
        }

        Location locationOf(String path, Location fallback) {
            return locations.getOrDefault(path, fallback);
        }

        SourceMap build() {
            return new SourceMap(file, Map.copyOf(locations));
        }
    }
}
