package dev.airlock.plugins.kubernetes;

import dev.airlock.core.topology.AllowEntry;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where the gate may connect, from the topology: each http.fetch allowlist entry and each model endpoint. An address
 * or a range becomes a CIDR a NetworkPolicy can state; a host name cannot be stated by a NetworkPolicy, so those
 * are only the gate's to enforce and are listed so the export can say so.
 */
record GateEgress(List<Destination> destinations) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    /** One destination: who asked for it ({@code tool:web}), the host as written, a CIDR when it is an address. */
    record Destination(String element, String host, String cidr, List<Integer> ports) {

        boolean isHostName() {
            return cidr == null;
        }
    }

    static GateEgress of(Topology t) {
        List<Destination> out = new ArrayList<>();
        for (ToolSpec tool : t.tools()) {
            if (tool.type() != ToolType.HTTP_FETCH) {
                continue;
            }
            for (AllowEntry e : tool.allow()) {
                String host = e.host();
                List<Integer> ports = List.of(80, 443);
                int colon = host.lastIndexOf(':');
                if (colon > 0 && !host.contains("/") && host.indexOf(':') == colon) {
                    ports = List.of(Integer.parseInt(host.substring(colon + 1)));
                    host = host.substring(0, colon);
                }
                out.add(new Destination("tool:" + tool.id(), host, cidr(host), ports));
            }
        }
        for (ModelSpec m : t.models()) {
            if (m.endpoint() == null || m.endpoint().isBlank()) {
                continue;
            }
            URI uri = URI.create(m.endpoint().trim());
            if (uri.getHost() == null) {
                continue;
            }
            String host = uri.getHost().replaceAll("^\\[|]$", "");
            int port = uri.getPort() > 0 ? uri.getPort()
                    : "http".equals(uri.getScheme()) ? 80 : 443;
            out.add(new Destination("model:" + m.id(), host, cidr(host), List.of(port)));
        }
        return new GateEgress(out);
    }

    List<Destination> hostNames() {
        return destinations.stream().filter(Destination::isHostName).toList();
    }

    List<Destination> addresses() {
        return destinations.stream().filter(d -> !d.isHostName()).toList();
    }

    /** Every port a host name may be reached on, sorted. */
    List<Integer> hostNamePorts() {
        return List.copyOf(new TreeSet<>(hostNames().stream().flatMap(d -> d.ports().stream()).toList()));
    }

    private static String cidr(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains("/")) {
            return h;
        }
        if (IPV4.matcher(h).matches()) {
            return h + "/32";
        }
        if (IPV6.matcher(h).matches()) {
            return h + "/128";
        }
        return null;
    }
}
