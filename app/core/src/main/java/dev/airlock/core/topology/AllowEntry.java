package dev.airlock.core.topology;

import java.util.List;

/**
 * One entry of an egress allowlist: a host (exact, {@code *.suffix}, an address or a range) and, optionally, the
 * paths and query parameters a URL to it may have. Without {@code paths} any path is allowed, and {@code query}
 * defaults to any parameters, which is what the plain form {@code allow: [docs.example]} means.
 */
public record AllowEntry(String host, List<PathGlob> paths, Query query) {

    public AllowEntry {
        paths = List.copyOf(paths);
        query = query == null ? Query.ANY : query;
    }

    /** A host with any path and query: the plain string form. */
    public static AllowEntry host(String host) {
        return new AllowEntry(host, List.of(), Query.ANY);
    }

    public boolean isHostOnly() {
        return paths.isEmpty() && query.any();
    }

    /**
     * Whether a URL allowed by this entry can carry arbitrary data out: it can when any path or any query is
     * allowed, and when the host is a wildcard, since a made-up name reaches that domain's DNS server and the
     * host itself. What fits inside listed patterns and parameters is left to the guardrails on tool arguments.
     */
    public boolean opensSendChannel() {
        return paths.isEmpty() || query.any() || host.startsWith("*.");
    }

    /** Whether the decoded path matches: always when no paths are listed. */
    public boolean allowsPath(String decodedPath) {
        return paths.isEmpty() || paths.stream().anyMatch(p -> p.matches(decodedPath));
    }

    /**
     * Which query parameters a URL may carry: {@code any}, {@code none}, or those {@code names} (with any value).
     */
    public record Query(boolean any, List<String> names) {

        public static final Query ANY = new Query(true, List.of());
        public static final Query NONE = new Query(false, List.of());

        public Query {
            names = any ? List.of() : List.copyOf(names);
        }

        public static Query only(List<String> names) {
            return new Query(false, names);
        }

        public boolean allows(String name) {
            return any || names.contains(name);
        }
    }
}
