package dev.airlock.core.topology.io;

import dev.airlock.core.problem.Location;
import dev.airlock.core.problem.Problem;
import dev.airlock.core.topology.ByteSize;
import dev.airlock.core.topology.Named;
import dev.airlock.core.topology.io.SourceNode.Entry;
import dev.airlock.core.topology.io.SourceNode.ListNode;
import dev.airlock.core.topology.io.SourceNode.MapNode;
import dev.airlock.core.topology.io.SourceNode.ScalarKind;
import dev.airlock.core.topology.io.SourceNode.ScalarNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, located access to one map of the document. Every mistake becomes a problem in the shared list and the
 * accessor returns empty, so that one pass reports every problem in the file rather than stopping at the first.
 */
final class Fields {

    private final MapNode node;
    private final String path;
    private final String element;
    private final List<Problem> problems;
    private final SourceMap.Builder sources;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private Fields(MapNode node, String path, String element, List<Problem> problems,
                   SourceMap.Builder sources, List<String> known) {
        this.node = node;
        this.path = path;
        this.element = element;
        this.problems = problems;
        this.sources = sources;
        sources.put(path, node.location());
        Set<String> seen = new HashSet<>();
        for (Entry e : node.entries()) {
            if (!seen.add(e.key())) {
                error(e.keyLocation(), "'" + e.key() + "' is set twice in the same map"
                        + " (first at line " + entries.get(e.key()).keyLocation().line() + ")");
                continue;
            }
            entries.put(e.key(), e);
            if (!known.contains(e.key())) {
                Problem p = Problem.error(e.keyLocation(), element, "unknown field '" + e.key() + "'" + where());
                String suggestion = DidYouMean.closest(e.key(), known);
                problems.add(suggestion == null
                        ? p.withHint("known fields: " + String.join(", ", known))
                        : p.withHint("did you mean '" + suggestion + "'?"));
            } else {
                sources.put(sub(e.key()), e.value().location());
            }
        }
    }

    static Optional<Fields> of(SourceNode value, String what, String path, String element,
                               List<Problem> problems, SourceMap.Builder sources, List<String> known) {
        if (value instanceof MapNode map) {
            return Optional.of(new Fields(map, path, element, problems, sources, known));
        }
        problems.add(Problem.error(value.location(), element, what + " must be a map, not " + value.describe()));
        return Optional.empty();
    }

    /** A nested map of the same element, e.g. an agent's {@code resources}. */
    Optional<Fields> child(String key, List<String> known) {
        return value(key).flatMap(v -> of(v, "'" + key + "'", sub(key), element, problems, sources, known));
    }

    private String sub(String key) {
        return path.isEmpty() ? key : path + "/" + key;
    }

    String path() {
        return path;
    }

    String element() {
        return element;
    }

    Location location() {
        return node.location();
    }

    Location location(String key) {
        Entry e = entries.get(key);
        return e == null ? node.location() : e.value().location();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Optional<SourceNode> value(String key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    Optional<String> string(String key) {
        return value(key).flatMap(v -> asString(v, key));
    }

    Optional<String> requiredString(String key) {
        return requiredString(key, "");
    }

    /** {@code hint} is appended to the message when the field is missing, e.g. " (one of a, b)". */
    Optional<String> requiredString(String key, String hint) {
        if (!has(key)) {
            error(node.location(), "missing required field '" + key + "'" + where() + hint);
            return Optional.empty();
        }
        return string(key);
    }

    Optional<String> asString(SourceNode v, String what) {
        if (v instanceof ScalarNode s && s.kind() != ScalarKind.NULL) {
            // Numbers and booleans are accepted as text: `image: 3` is odd but unambiguous.
            return Optional.of(s.text());
        }
        error(v.location(), "'" + what + "' must be text, not " + v.describe());
        return Optional.empty();
    }

    Optional<Boolean> bool(String key) {
        return value(key).flatMap(v -> {
            if (v instanceof ScalarNode s && s.kind() == ScalarKind.BOOLEAN) {
                return Optional.of(Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT)));
            }
            error(v.location(), "'" + key + "' must be true or false, not " + v.describe());
            return Optional.empty();
        });
    }

    Optional<Double> number(String key, double min, double max) {
        return value(key).flatMap(v -> {
            if (v instanceof ScalarNode s && (s.kind() == ScalarKind.INTEGER || s.kind() == ScalarKind.DECIMAL)) {
                try {
                    double d = Double.parseDouble(s.text().replace("_", ""));
                    if (d >= min && d <= max) {
                        return Optional.of(d);
                    }
                    error(v.location(), "'" + key + "' must be between " + fmt(min) + " and " + fmt(max) + ", not " + s.text());
                    return Optional.empty();
                } catch (NumberFormatException e) {
                    // falls through to the type error below
                }
            }
            error(v.location(), "'" + key + "' must be a number, not " + v.describe());
            return Optional.empty();
        });
    }

    Optional<Integer> integer(String key, int min, int max) {
        return value(key).flatMap(v -> {
            if (v instanceof ScalarNode s && s.kind() == ScalarKind.INTEGER) {
                try {
                    long n = Long.parseLong(s.text().replace("_", ""));
                    if (n >= min && n <= max) {
                        return Optional.of((int) n);
                    }
                } catch (NumberFormatException e) {
                    // out of range for a long: reported below
                }
                error(v.location(), "'" + key + "' must be a whole number from " + min + " to " + max + ", not " + s.text());
                return Optional.empty();
            }
            error(v.location(), "'" + key + "' must be a whole number, not " + v.describe());
            return Optional.empty();
        });
    }

    Optional<ByteSize> size(String key) {
        return value(key).flatMap(v -> {
            if (v instanceof ScalarNode s && (s.kind() == ScalarKind.STRING || s.kind() == ScalarKind.INTEGER)) {
                try {
                    return Optional.of(ByteSize.parse(s.text()));
                } catch (IllegalArgumentException e) {
                    error(v.location(), "'" + key + "': " + e.getMessage());
                    return Optional.empty();
                }
            }
            error(v.location(), "'" + key + "' must be a size like 64Mi, not " + v.describe());
            return Optional.empty();
        });
    }

    <E extends Enum<E> & Named> Optional<E> choice(String key, Class<E> type) {
        return string(key).flatMap(text -> parseChoice(text, type, location(key), key));
    }

    <E extends Enum<E> & Named> Optional<E> parseChoice(String text, Class<E> type, Location at, String what) {
        Optional<E> parsed = Named.parse(type, text);
        if (parsed.isEmpty()) {
            List<String> options = Named.spellings(type);
            Problem p = Problem.error(at, element, "'" + what + "' must be one of " + String.join(", ", options)
                    + ", not '" + text + "'");
            String suggestion = DidYouMean.closest(text, options);
            problems.add(suggestion == null ? p : p.withHint("did you mean '" + suggestion + "'?"));
        }
        return parsed;
    }

    /** A list of text; a single text is accepted as a list of one. Item locations go to {@code key/INDEX}. */
    Optional<List<String>> strings(String key) {
        return value(key).flatMap(v -> {
            if (v instanceof ScalarNode s && s.kind() == ScalarKind.STRING) {
                sources.put(sub(key) + "/0", s.location());
                return Optional.of(List.of(s.text()));
            }
            if (!(v instanceof ListNode list)) {
                error(v.location(), "'" + key + "' must be a list, not " + v.describe());
                return Optional.empty();
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                SourceNode item = list.items().get(i);
                sources.put(sub(key) + "/" + i, item.location());
                asString(item, key + "[" + i + "]").ifPresent(out::add);
            }
            return Optional.of(out);
        });
    }

    /** A map of text to text, as used for options and environment. */
    Optional<Map<String, String>> stringMap(String key) {
        return value(key).flatMap(v -> {
            if (!(v instanceof MapNode map)) {
                error(v.location(), "'" + key + "' must be a map, not " + v.describe());
                return Optional.empty();
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Entry e : map.entries()) {
                if (out.containsKey(e.key())) {
                    error(e.keyLocation(), "'" + e.key() + "' is set twice in '" + key + "'");
                    continue;
                }
                sources.put(sub(key) + "/" + e.key(), e.value().location());
                asString(e.value(), key + "." + e.key()).ifPresent(s -> out.put(e.key(), s));
            }
            return Optional.of(out);
        });
    }

    Optional<List<SourceNode>> list(String key) {
        return value(key).flatMap(v -> {
            if (v instanceof ListNode list) {
                return Optional.of(list.items());
            }
            error(v.location(), "'" + key + "' must be a list, not " + v.describe());
            return Optional.empty();
        });
    }

    void error(Location at, String message) {
        problems.add(Problem.error(at, element, message));
    }

    private String where() {
        int colon = element.indexOf(':');
        return colon < 0 ? "" : " in " + element.substring(0, colon) + " '" + element.substring(colon + 1) + "'";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
