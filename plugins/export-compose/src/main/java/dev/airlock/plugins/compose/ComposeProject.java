package dev.airlock.plugins.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.airlock.core.export.ExportFinding;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.runtime.WorkloadIdentities;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.RestartPolicy;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Seccomp;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Compose file of one topology, as a tree in a fixed order (services: the gate, then agents in topology order;
 * keys in a fixed order) so that two exports of the same topology are byte-identical and diff well.
 *
 * <p>Identity: each agent runs as its {@link WorkloadIdentities} uid:gid; its socket volume is a tmpfs owned by the
 * gate, in the agent's group, mode 2710 (the gate writes, the agent's group may only reach the socket, nobody else
 * anything), and the gate admits on that socket only a peer with the agent's uid:gid.
 */
final class ComposeProject {

    static final String GATE_IMAGE = "airlock/gate:latest";
    static final String POLICY_DIR = "/etc/airlock";
    static final String AGENTS_DIR = "/run/airlock/agents";
    static final String USER_DIR = "/run/airlock/user";
    static final String USER_VOLUME = "user";
    /** The gate's own limits: it holds every agent's buffers and runs the tools, so more than one agent. */
    static final String GATE_MEMORY = "512m";
    static final int GATE_PIDS = 512;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private final Topology topology;
    private final List<ExportFinding> risks;

    ComposeProject(Topology topology, List<ExportFinding> risks) {
        this.topology = topology;
        this.risks = risks;
    }

    String composeFile() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "2.4");
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("gate", gate());
        for (AgentSpec a : topology.agents()) {
            services.put(a.id(), agent(a));
        }
        root.put("services", services);
        Map<String, Object> volumes = new LinkedHashMap<>();
        for (AgentSpec a : topology.agents()) {
            volumes.put(volume(a), tmpfsVolume(WorkloadIdentities.of(topology, a.id()).gid(), "2710"));
        }
        volumes.put(USER_VOLUME, tmpfsVolume(WorkloadIdentities.GATE.gid(), "0700"));
        root.put("volumes", volumes);
        if (needsEgress()) {
            root.put("networks", Map.of("egress", Map.of("driver", "bridge")));
        }
        try {
            return header() + YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings, numbers and lists always serialises", e);
        }
    }

    private String header() {
        StringBuilder b = new StringBuilder();
        b.append("# Docker Compose project of topology '").append(topology.name())
                .append("', exported by Airlock. Start with: docker-compose up -d (see README.md)\n");
        b.append("# Agents: no network, read-only root, all capabilities dropped, no-new-privileges, Airlock's strict"
                + " seccomp profile,\n# their own uid:gid, the topology's limits; each reaches only the gate, through"
                + " its own socket volume.\n");
        if (!risks.isEmpty()) {
            b.append("# Loosenings exported with --allow-risks:\n");
            risks.forEach(r -> b.append("#   ").append(r.element()).append(": ").append(r.text()).append('\n'));
        }
        return b.toString();
    }

    private Map<String, Object> gate() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("image", GATE_IMAGE);
        s.put("command", List.of("gate", "--topology", POLICY_DIR + "/topology.yaml", "--listen", "unix:" + AGENTS_DIR,
                "--user", "unix:" + USER_DIR + "/user.sock"));
        Map<String, String> credentials = credentialVariables();
        if (!credentials.isEmpty()) {
            s.put("environment", credentials);
        }
        s.put("user", WorkloadIdentities.GATE.toString());
        s.put("read_only", true);
        s.put("cap_drop", List.of("ALL"));
        s.put("security_opt", List.of("no-new-privileges:true"));
        if (needsEgress()) {
            s.put("networks", List.of("egress"));
        } else {
            s.put("network_mode", "none");
        }
        s.put("mem_limit", GATE_MEMORY);
        s.put("cpus", 1.0);
        s.put("pids_limit", GATE_PIDS);
        s.put("tmpfs", List.of("/tmp:size=64m,mode=1777"));
        List<String> volumes = new ArrayList<>();
        volumes.add("./policy:" + POLICY_DIR + ":ro");
        for (AgentSpec a : topology.agents()) {
            volumes.add(volume(a) + ":" + AGENTS_DIR + "/" + a.id() + ":nocopy");
        }
        volumes.add(USER_VOLUME + ":" + USER_DIR + ":nocopy");
        credentialFiles().forEach(f -> volumes.add(f + ":" + f + ":ro"));
        s.put("volumes", volumes);
        s.put("labels", new TreeMap<>(Map.of("dev.airlock.role", "gate", "dev.airlock.topology", topology.name())));
        return s;
    }

    private Map<String, Object> agent(AgentSpec a) {
        SandboxOverrides o = a.sandbox();
        Resources r = a.effectiveResources(topology.defaults());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("image", a.image());
        if (!a.command().isEmpty()) {
            s.put("command", a.command());
        }
        Map<String, String> env = new TreeMap<>(a.env());
        env.put("AIRLOCK_GATE", "/run/airlock/gate.sock");
        s.put("environment", env);
        s.put("user", WorkloadIdentities.of(topology, a.id()).toString());
        s.put("network_mode", o.network() != null ? o.network() : SandboxOverrides.HARDENED_NETWORK);
        s.put("read_only", !Boolean.FALSE.equals(o.readOnlyRoot()));
        s.put("cap_drop", List.of("ALL"));
        if (!o.capAdd().isEmpty()) {
            s.put("cap_add", o.capAdd());
        }
        List<String> security = new ArrayList<>();
        if (!Boolean.FALSE.equals(o.noNewPrivileges())) {
            security.add("no-new-privileges:true");
        }
        if (o.seccomp() == Seccomp.UNCONFINED) {
            security.add("seccomp=unconfined");
        } else if (o.seccomp() != Seccomp.DEFAULT) {
            security.add("seccomp=./" + ComposeExporter.SECCOMP_FILE);
        }
        s.put("security_opt", security);
        s.put("mem_limit", r.memory().bytes());
        s.put("cpus", r.cpus());
        s.put("pids_limit", r.pids());
        s.put("tmpfs", List.of("/tmp:size=" + r.tmpfs().bytes() + ",mode=1777"));
        // nocopy: an empty volume mounted over the image's /run/airlock would otherwise take that directory's owner
        // and mode (root, 0755), undoing the tmpfs options that keep other users out.
        s.put("volumes", List.of(volume(a) + ":/run/airlock:nocopy"));
        s.put("restart", restart(a.restart()));
        s.put("depends_on", List.of("gate"));
        s.put("labels", new TreeMap<>(Map.of("dev.airlock.role", "agent", "dev.airlock.agent", a.id())));
        return s;
    }

    private static String restart(RestartPolicy p) {
        return p.mode() == RestartPolicy.Mode.ON_FAILURE ? "on-failure:" + p.maxRestarts() : "no";
    }

    private static String volume(AgentSpec a) {
        return "agent-" + a.id();
    }

    /** A tmpfs the local driver mounts once and shares between the services that name it; gone with the project. */
    private static Map<String, Object> tmpfsVolume(int gid, String mode) {
        return Map.of("driver_opts", new TreeMap<>(Map.of("type", "tmpfs", "device", "tmpfs",
                "o", "uid=" + WorkloadIdentities.GATE.uid() + ",gid=" + gid + ",mode=" + mode + ",size=1m")));
    }

    /**
     * Model credentials the gate reads from its environment, passed through from the shell that starts the project
     * ({@code ${NAME}}): the name is in the file, never the value.
     */
    private Map<String, String> credentialVariables() {
        Map<String, String> env = new TreeMap<>();
        for (ModelSpec m : topology.models()) {
            if (m.credential() != null && m.credential().env() != null) {
                env.put(m.credential().env(), "${" + m.credential().env() + "}");
            }
        }
        return env;
    }

    /** Model credentials the gate reads from files: mounted read-only at the same path, into the gate alone. */
    private List<String> credentialFiles() {
        return topology.models().stream().filter(m -> m.credential() != null && m.credential().file() != null)
                .map(m -> m.credential().file()).distinct().sorted().toList();
    }

    /** Whether the gate itself must reach anything: a tool that fetches from allowed hosts, a model endpoint. */
    boolean needsEgress() {
        return topology.tools().stream().anyMatch(t -> !t.allow().isEmpty())
                || topology.models().stream().anyMatch(m -> m.endpoint() != null && !m.endpoint().isBlank());
    }

    /** What the gate enforces that Compose cannot express, for the export report. */
    List<ExportFinding> gateOnly() {
        List<ExportFinding> out = new ArrayList<>();
        for (ToolSpec t : topology.tools()) {
            if (!t.allow().isEmpty()) {
                out.add(new ExportFinding("tool:" + t.id(), "egress to " + t.allow().stream().map(e -> e.host())
                        .distinct().toList() + " is enforced by the gate (host, path and query rules); the gate's "
                        + "network itself is not restricted by Compose"));
            }
            if (t.type() == ToolType.MCP) {
                out.add(new ExportFinding("tool:" + t.id(), "MCP server " + t.image() + " is started by a gate "
                        + "that reaches a container engine; the gate's container has none, so calls to it fail"));
            }
        }
        for (ModelSpec m : topology.models()) {
            if (m.endpoint() != null && !m.endpoint().isBlank()) {
                out.add(new ExportFinding("model:" + m.id(), "only the gate calls " + m.endpoint()
                        + "; agents never see its credential"));
            }
        }
        return out;
    }

    String readme() {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(topology.name()).append(" on Docker Compose\n\n");
        b.append("Exported by Airlock. The gate (`").append(GATE_IMAGE).append("`, build it with `airlock images build`)"
                + " enforces the topology in `policy/topology.yaml`; every agent is a service with no network whose only"
                + " channel is its own socket volume, shared with the gate alone.\n\n");
        b.append("1. Copy the files the topology names by relative path (model rules, tool seeds and sites) into "
                + "`policy/`, beside `topology.yaml`.\n");
        b.append("2. `docker-compose -p NAME up -d`\n");
        b.append("3. As root: `airlock expect --connect unix:$(docker volume inspect -f '{{.Mountpoint}}' NAME_user)"
                + "/user.sock X.expected.yaml` (the user's channel)\n");
        b.append("4. `docker-compose -p NAME down -v` removes containers, volumes and networks.\n\n");
        b.append("| agent | uid:gid | image |\n|---|---|---|\n");
        for (AgentSpec a : topology.agents()) {
            AgentIdentity id = WorkloadIdentities.of(topology, a.id());
            b.append("| ").append(a.id()).append(" | ").append(id).append(" | ").append(a.image()).append(" |\n");
        }
        List<ExportFinding> gateOnly = gateOnly();
        if (!gateOnly.isEmpty()) {
            b.append("\n## What the gate enforces that Compose cannot\n\n");
            gateOnly.forEach(f -> b.append("- ").append(f.element()).append(": ").append(f.text()).append('\n'));
        }
        if (!risks.isEmpty()) {
            b.append("\n## Loosenings exported with --allow-risks\n\n");
            risks.forEach(f -> b.append("- ").append(f.element()).append(": ").append(f.text()).append('\n'));
        }
        return b.toString();
    }
}
