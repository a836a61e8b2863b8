package dev.airlock.plugins.kubernetes;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.Scope;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * kube-agentic-networking (alpha): each MCP tool server as an {@code XBackend}, and an {@code XAccessPolicy} per
 * backend allowing only the gate's ServiceAccount to call only the functions some agent holds in scope. Agents never
 * reach a backend themselves (their NetworkPolicy allows the gate only); which agent may call which function stays
 * the gate's check, so the policy is the platform's second line, not the first. Two NetworkPolicies per backend
 * open the one pathway gate → server.
 */
final class AgenticNetworking {

    static final String API = "agentic.networking.x-k8s.io";
    /** The published XBackend CRD serves only v0alpha0; XAccessPolicy is v1alpha1. */
    static final String BACKEND_VERSION = API + "/v0alpha0";
    static final String POLICY_VERSION = API + "/v1alpha1";
    static final int MCP_PORT = 8080;
    /** XAccessPolicy's limits on {@code params}: so many names, each so long. */
    static final int MAX_PARAMS = 10;
    static final int MAX_PARAM_LENGTH = 20;
    /** The label the user puts on an MCP server's pods so that the policies below select them. */
    static final String TOOL_LABEL = "airlock.dev/tool";
    private static final String ALPHA = "ALPHA: kube-agentic-networking is an alpha API; fields may change.";

    private AgenticNetworking() {
    }

    static List<Manifest> of(Topology t, String ns) {
        List<Manifest> out = new ArrayList<>();
        for (ToolSpec tool : t.tools()) {
            if (tool.type() != ToolType.MCP) {
                continue;
            }
            if (t.agents().stream().flatMap(a -> a.tools().stream())
                    .noneMatch(e -> Scope.parse(e).toolId().equals(tool.id()))) {
                // Nobody may call it, so no backend: a policy without rules would match every request.
                continue;
            }
            String name = Names.tool(tool.id());
            Map<String, Object> mcp = new LinkedHashMap<>();
            mcp.put("serviceName", name);
            mcp.put("port", MCP_PORT);
            mcp.put("path", "/mcp");
            out.add(new Manifest(new GenericKubernetesResourceBuilder()
                    .withApiVersion(BACKEND_VERSION).withKind("XBackend")
                    .withNewMetadata().withName(name).withNamespace(ns).withLabels(Names.common(t.name())).endMetadata()
                    .withAdditionalProperties(Map.of("spec", Map.of("mcp", mcp)))
                    .build(), ALPHA + "\nMCP tool '" + tool.id() + "' behind Service " + name + ":" + MCP_PORT
                    + " (serving MCP over HTTP; the export does not deploy the server)."));
            out.add(policy(t, tool, name, ns));
            out.addAll(gateToTool(t, tool, name, ns));
        }
        return out;
    }

    /**
     * The one pathway to the tool server: from the gate, on the MCP port. Without it the namespace's default deny
     * would cut the gate off; agents still have no way there.
     */
    private static List<Manifest> gateToTool(Topology t, ToolSpec tool, String name, String ns) {
        LabelSelector toolPods = new LabelSelectorBuilder().withMatchLabels(Map.of(TOOL_LABEL, tool.id())).build();
        LabelSelector gate = new LabelSelectorBuilder().withMatchLabels(Map.of(Names.COMPONENT_LABEL, "gate")).build();
        NetworkPolicyPort port = new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(MCP_PORT))
                .build();
        Manifest in = new Manifest(new NetworkPolicyBuilder()
                .withNewMetadata().withName(name + "-from-gate").withNamespace(ns).withLabels(Names.common(t.name()))
                .endMetadata()
                .withNewSpec()
                .withPodSelector(toolPods)
                .withPolicyTypes("Ingress")
                .addNewIngress().addNewFrom().withPodSelector(gate).endFrom().withPorts(port).endIngress()
                .endSpec()
                .build(), "Label the pods of MCP server '" + tool.id() + "' " + TOOL_LABEL + "=" + tool.id()
                + ": only the gate reaches them.");
        Manifest out = new Manifest(new NetworkPolicyBuilder()
                .withNewMetadata().withName("gate-to-" + name).withNamespace(ns).withLabels(Names.common(t.name()))
                .endMetadata()
                .withNewSpec()
                .withPodSelector(gate)
                .withPolicyTypes("Egress")
                .addNewEgress().addNewTo().withPodSelector(toolPods).endTo().withPorts(port).endEgress()
                .endSpec()
                .build(), "The gate reaches MCP server '" + tool.id() + "' on its MCP port.");
        return List.of(in, out);
    }

    private static Manifest policy(Topology t, ToolSpec tool, String backend, String ns) {
        TreeSet<String> functions = new TreeSet<>();
        boolean whole = false;
        List<String> comment = new ArrayList<>(List.of(ALPHA, "Only the gate may call '" + tool.id()
                + "', and only what some agent holds in scope; per agent, the gate checks:"));
        for (AgentSpec a : t.agents()) {
            List<String> held = new ArrayList<>();
            for (String entry : a.tools()) {
                Scope s = Scope.parse(entry);
                if (!s.toolId().equals(tool.id())) {
                    continue;
                }
                held.add(entry);
                if (s.isWholeTool()) {
                    whole = true;
                } else {
                    functions.add(s.qualifier().orElseThrow());
                }
            }
            if (!held.isEmpty()) {
                comment.add("  agent " + a.id() + ": " + String.join(", ", held));
            }
        }
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", "via-gate");
        rule.put("source", Map.of("type", "ServiceAccount", "serviceAccount", Map.of("name", Names.GATE)));
        Map<String, Object> method = new LinkedHashMap<>();
        method.put("name", "tools/call");
        boolean expressible = functions.size() <= MAX_PARAMS
                && functions.stream().allMatch(f -> f.length() <= MAX_PARAM_LENGTH);
        if (!whole && expressible) {
            method.put("params", List.copyOf(functions));
        } else if (!whole) {
            comment.add("The CRD lists at most " + MAX_PARAMS + " function names of at most " + MAX_PARAM_LENGTH
                    + " characters: any tools/call is allowed here, and the gate alone restricts the functions.");
        }
        rule.put("authorization", Map.of("type", "Inline", "mcp", Map.of("methods", List.of(method))));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("targetRefs", List.of(Map.of("group", API, "kind", "XBackend", "name", backend)));
        spec.put("action", "Allow");
        spec.put("rules", List.of(rule));
        return new Manifest(new GenericKubernetesResourceBuilder()
                .withApiVersion(POLICY_VERSION).withKind("XAccessPolicy")
                .withNewMetadata().withName(backend).withNamespace(ns).withLabels(Names.common(t.name())).endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build(), String.join("\n", comment));
    }
}
