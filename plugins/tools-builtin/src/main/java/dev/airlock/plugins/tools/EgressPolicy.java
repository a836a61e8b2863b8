package dev.airlock.plugins.tools;

import dev.airlock.core.tool.ToolException;
import dev.airlock.core.topology.AllowEntry;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an http.fetch tool may go. A URL's host must be on the allowlist (exact, or {@code *.suffix}); an entry
 * may also limit the URL's path and query parameters, because whatever a URL says reaches the host, so an open
 * path or query is a way to send data out. Every address a host resolves to must be public, unless the allowlist
 * names that address or its range explicitly ({@code 127.0.0.1}, {@code 10.0.0.0/8}). Listing a name never
 * unlocks a private address behind it, so a DNS answer cannot turn an allowed name into a way to the metadata
 * service or the LAN. Refusals never repeat the path or query: they may be the data that was to leave.
 */
final class EgressPolicy {

    static final String RULE_SCHEME = "egress.scheme";
    static final String RULE_ALLOWLIST = "egress.allowlist";
    static final String RULE_PATH = "egress.path";
    static final String RULE_QUERY = "egress.query";
    static final String RULE_ADDRESS = "egress.address";

    private final List<AllowEntry> entries = new ArrayList<>();
    private final List<AddressRange> ranges = new ArrayList<>();

    EgressPolicy(List<AllowEntry> allow) {
        for (AllowEntry entry : allow) {
            AddressRange.parse(entry.host()).ifPresent(ranges::add);
            entries.add(new AllowEntry(entry.host().toLowerCase(Locale.ROOT), entry.paths(), entry.query()));
        }
    }

    void checkUrl(URI url) throws ToolException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ToolException.refused(RULE_SCHEME, "only http and https may be fetched, not '" + url + "'");
        }
        String host = host(url);
        if (host.isEmpty()) {
            throw ToolException.refused(RULE_ALLOWLIST, "'" + url + "' names no host");
        }
        List<AllowEntry> forHost = entries.stream().filter(e -> allowsHost(e.host(), host, url.getPort())).toList();
        if (forHost.isEmpty()) {
            throw ToolException.refused(RULE_ALLOWLIST, "host '" + host + "' is not on this tool's allowlist");
        }
        String path = url.getPath() == null ? "" : url.getPath();
        List<AllowEntry> forPath = forHost.stream().filter(e -> e.allowsPath(path)).toList();
        if (forPath.isEmpty()) {
            throw ToolException.refused(RULE_PATH, "this path is not allowed on '" + host + "'; allowed: "
                    + forHost.stream().flatMap(e -> e.paths().stream()).map(Object::toString).distinct().toList());
        }
        List<String> names = parameterNames(url.getRawQuery());
        if (forPath.stream().noneMatch(e -> names.stream().allMatch(e.query()::allows))) {
            throw ToolException.refused(RULE_QUERY, "this query is not allowed on '" + host + "' for this path; "
                    + "allowed parameters: " + forPath.stream().map(e -> e.query().names().isEmpty() ? "none"
                    : String.join(", ", e.query().names())).distinct().toList());
        }
    }

    /** Each parameter's name as the server reads it; {@code ?} alone has none, {@code ?&} has two empty ones. */
    private static List<String> parameterNames(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String part : rawQuery.split("&", -1)) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            try {
                names.add(URLDecoder.decode(name, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                names.add(name); // a broken escape is no listed name, so it is refused as written
            }
        }
        return names;
    }

    /** Refuses the whole answer if any address in it is special and not listed: one bad answer is enough. */
    void checkAddresses(String host, InetAddress[] addresses) throws ToolException {
        if (addresses.length == 0) {
            throw ToolException.refused(RULE_ADDRESS, "'" + host + "' resolves to no address");
        }
        for (InetAddress a : addresses) {
            Optional<String> special = AddressClass.of(a);
            if (special.isPresent() && ranges.stream().noneMatch(r -> r.contains(a))) {
                throw ToolException.refused(RULE_ADDRESS, "'" + host + "' resolves to " + special.get() + " ("
                        + a.getHostAddress() + "); list that address on the allowlist to reach it");
            }
        }
    }

    static String host(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean allowsHost(String entry, String host, int port) {
        String pattern = entry;
        int colon = entry.lastIndexOf(':');
        if (colon > 0 && entry.indexOf(':') == colon && entry.substring(colon + 1).matches("\\d+")) {
            if (port != Integer.parseInt(entry.substring(colon + 1))) {
                return false;
            }
            pattern = entry.substring(0, colon);
        }
        return pattern.equals(host) || (pattern.startsWith("*.") && host.endsWith(pattern.substring(1)));
    }
}
