package dev.airlock.plugins.kubernetes;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.export.ExportOptions;
import dev.airlock.core.topology.Topology;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the {@code kubernetes} exporter reads from {@link ExportOptions}: {@code sandbox=deployment|agent-sandbox},
 * {@code runtime-class=gvisor|kata}, {@code agentic-networking=true}, {@code namespace=NAME} (default
 * {@code airlock-<topology name>}) and {@code allow-risks=true}. Anything else is refused in one line.
 */
record KubernetesOptions(String namespace, Workload workload, Optional<String> runtimeClass,
                         boolean agenticNetworking, boolean allowRisks) {

    static final String SANDBOX = "sandbox";
    static final String RUNTIME_CLASS = "runtime-class";
    static final String AGENTIC_NETWORKING = "agentic-networking";
    static final String NAMESPACE = "namespace";
    static final String ALLOW_RISKS = "allow-risks";
    private static final Set<String> KNOWN = Set.of(SANDBOX, RUNTIME_CLASS, AGENTIC_NETWORKING, NAMESPACE, ALLOW_RISKS);
    private static final Set<String> RUNTIME_CLASSES = Set.of("gvisor", "kata");

    /** How each agent runs: a plain Deployment, or a {@code Sandbox} of kubernetes-sigs/agent-sandbox. */
    enum Workload {
        DEPLOYMENT("deployment"), AGENT_SANDBOX("agent-sandbox");

        final String text;

        Workload(String text) {
            this.text = text;
        }
    }

    static KubernetesOptions of(Topology topology, ExportOptions options) throws ExportException {
        for (String name : options.values().keySet()) {
            if (!KNOWN.contains(name)) {
                throw new ExportException("the kubernetes export has no option '" + name + "'; it takes "
                        + String.join(", ", KNOWN.stream().sorted().toList()));
            }
        }
        String sandbox = options.get(SANDBOX).orElse(Workload.DEPLOYMENT.text);
        Workload workload = switch (sandbox) {
            case "deployment" -> Workload.DEPLOYMENT;
            case "agent-sandbox" -> Workload.AGENT_SANDBOX;
            default -> throw new ExportException("unknown sandbox '" + sandbox + "'; use deployment or agent-sandbox");
        };
        Optional<String> runtimeClass = options.get(RUNTIME_CLASS);
        if (runtimeClass.isPresent() && !RUNTIME_CLASSES.contains(runtimeClass.get())) {
            throw new ExportException("unknown runtime class '" + runtimeClass.get() + "'; use gvisor or kata");
        }
        String namespace = options.get(NAMESPACE).orElse(defaultNamespace(topology.name()));
        if (!Names.isLabel(namespace)) {
            throw new ExportException("namespace '" + namespace + "' is not a Kubernetes name (lowercase letters,"
                    + " digits and '-', at most 63)");
        }
        return new KubernetesOptions(namespace, workload, runtimeClass, flag(options, AGENTIC_NETWORKING),
                flag(options, ALLOW_RISKS));
    }

    /** {@code airlock-<name>}, made a Kubernetes name: lowercase, other characters as '-', at most 63. */
    static String defaultNamespace(String topologyName) {
        String name = ("airlock-" + topologyName.toLowerCase(Locale.ROOT)).replaceAll("[^a-z0-9-]+", "-");
        name = name.length() > 63 ? name.substring(0, 63) : name;
        return name.replaceAll("-+$", "");
    }

    private static boolean flag(ExportOptions options, String name) throws ExportException {
        String value = options.get(name).orElse("false");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ExportException(name + " must be true or false, not '" + value + "'");
        };
    }
}
