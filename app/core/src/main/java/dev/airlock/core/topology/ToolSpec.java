package dev.airlock.core.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool the gate offers to agents that hold it in scope: a gate-side built-in or an MCP server in a container
 * of its own. {@code allow} is the egress allowlist (hosts, and optionally paths and query parameters) for tools
 * that reach out; {@code traits} feed the risk hints (an agent that reads untrusted content, holds private data and
 * can exfiltrate is flagged), see {@link #effectiveTraits()}.
 */
public record ToolSpec(
        String id,
        String description,
        ToolType type,
        String image,
        List<String> command,
        List<AllowEntry> allow,
        Approval approval,
        Set<ToolTrait> traits,
        Map<String, String> options) {

    public ToolSpec {
        description = description == null ? "" : description;
        command = List.copyOf(command);
        allow = List.copyOf(allow);
        approval = approval == null ? Approval.NEVER : approval;
        traits = Set.copyOf(traits);
        options = Map.copyOf(options);
    }

    public static ToolSpec of(String id, ToolType type) {
        return new ToolSpec(id, "", type, null, List.of(), List.of(), Approval.NEVER, Set.of(), Map.of());
    }

    public ToolSpec withId(String id) {
        return new ToolSpec(id, description, type, image, command, allow, approval, traits, options);
    }

    public ToolSpec withDescription(String description) {
        return new ToolSpec(id, description, type, image, command, allow, approval, traits, options);
    }

    public ToolSpec withType(ToolType type) {
        return new ToolSpec(id, description, type, image, command, allow, approval, traits, options);
    }

    public ToolSpec withImage(String image) {
        return new ToolSpec(id, description, type, image, command, allow, approval, traits, options);
    }

    public ToolSpec withCommand(List<String> command) {
        return new ToolSpec(id, description, type, image, command, allow, approval, traits, options);
    }

    public ToolSpec withAllow(List<AllowEntry> allow) {
        return new ToolSpec(id, description, type, image, command, allow, approval, traits, options);
    }

    /**
     * The allowlist with these hosts, in this order: a host already listed keeps its path and query limits, a new
     * one allows any path and query. For editors that show only host names.
     */
    public ToolSpec withAllowedHosts(List<String> hosts) {
        List<AllowEntry> entries = new ArrayList<>();
        for (String host : hosts) {
            List<AllowEntry> kept = allow.stream().filter(e -> e.host().equals(host)).toList();
            entries.addAll(kept.isEmpty() ? List.of(AllowEntry.host(host)) : kept);
        }
        return withAllow(entries);
    }

    /** The allowlist's host names, in order. */
    public List<String> allowedHosts() {
        return allow.stream().map(AllowEntry::host).distinct().toList();
    }

    /**
     * The declared traits, and {@code external-send} for an http.fetch whose allowlist lets a URL say anything after
     * the host: a GET to an allowed host is a message to whoever reads that host's logs.
     */
    public Set<ToolTrait> effectiveTraits() {
        if (type != ToolType.HTTP_FETCH || allow.stream().noneMatch(AllowEntry::opensSendChannel)) {
            return traits;
        }
        EnumSet<ToolTrait> all = EnumSet.of(ToolTrait.EXTERNAL_SEND);
        all.addAll(traits);
        return Collections.unmodifiableSet(all);
    }

    public ToolSpec withApproval(Approval approval) {
        return new ToolSpec(id, description, type, image, command, allow, approval, traits, options);
    }

    public ToolSpec withTraits(Set<ToolTrait> traits) {
        return new ToolSpec(id, description, type, image, command, allow, approval, traits, options);
    }

    public enum Approval implements Named {
        NEVER("never"), REQUIRED("required");

        private final String text;

        Approval(String text) {
            this.text = text;
        }

        @Override
        public String text() {
            return text;
        }
    }
}
