package dev.airlock.core.topology.io;

import dev.airlock.core.problem.Location;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where each part of a loaded topology was written, keyed by a path such as {@code agents/planner/tools/1} or
 * {@code pipes/3/to}. A path that was not recorded falls back to its nearest recorded parent, so a topology built
 * in the desktop (which has no source) still gets a usable location.
 */
public final class SourceMap {

    private final String file;
    private final Map<String, Location> locations;
    private final Set<String> unreadableIds;

    private SourceMap(String file, Map<String, Location> locations, Set<String> unreadableIds) {
        this.file = file;
        this.locations = locations;
        this.unreadableIds = unreadableIds;
    }

    public static SourceMap none(String file) {
        return new SourceMap(file, Map.of(), Set.of());
    }

    /**
     * Whether the file declares an element with this id that could not be read (its own error says why), so a
     * reference to it is not reported a second time as unknown.
     */
    public boolean declaresUnreadable(String id) {
        return unreadableIds.contains(id);
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
        private final Set<String> unreadableIds = new HashSet<>();

        private Builder(String file) {
            this.file = file;
        }

        void put(String path, Location location) {
            locations.putIfAbsent(path, location);
        }

        Location locationOf(String path, Location fallback) {
            return locations.getOrDefault(path, fallback);
        }

        void unreadable(String id) {
            unreadableIds.add(id);
        }

        SourceMap build() {
            return new SourceMap(file, Map.copyOf(locations), Set.copyOf(unreadableIds));
        }
    }
}
