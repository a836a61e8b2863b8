package dev.airlock.plugins.tools;

import dev.airlock.core.tool.ToolException;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an http.fetch tool may go. A URL's host must be on the allowlist (exact, or {@code *.suffix}); every
 * address it resolves to must be public, unless the allowlist names that address or its range explicitly
 * ({@code 127.0.0.1}, {@code 10.0.0.0/8}). Listing a name never unlocks a private address behind it, so a DNS
 * answer cannot turn an allowed name into a way to the metadata service or the LAN.
 */
final class EgressPolicy {

    static final String RULE_SCHEME = "egress.scheme";
    static final String RULE_ALLOWLIST = "egress.allowlist";
    static final String RULE_ADDRESS = "egress.address";

    private final List<String> hosts = new ArrayList<>();
    private final List<AddressRange> ranges = new ArrayList<>();

    EgressPolicy(List<String> allow) {
        for (String entry : allow) {
            Optional<AddressRange> range = AddressRange.parse(entry);
            if (range.isPresent()) {
                ranges.add(range.get());
            }
            hosts.add(entry.toLowerCase(Locale.ROOT));
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
        if (!allowsHost(host, url.getPort())) {
            throw ToolException.refused(RULE_ALLOWLIST, "host '" + host + "' is not on this tool's allowlist");
        }
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

    private boolean allowsHost(String host, int port) {
        for (String entry : hosts) {
            String pattern = entry;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(':') == colon && entry.substring(colon + 1).matches("\\d+")) {
                if (port != Integer.parseInt(entry.substring(colon + 1))) {
                    continue;
                }
                pattern = entry.substring(0, colon);
            }
            if (pattern.equals(host) || (pattern.startsWith("*.") && host.endsWith(pattern.substring(1)))) {
                return true;
            }
        }
        return false;
    }
}
