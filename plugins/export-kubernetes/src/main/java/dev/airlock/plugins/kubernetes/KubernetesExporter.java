package dev.airlock.plugins.kubernetes;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.export.ExportFinding;
import dev.airlock.core.export.ExportOptions;
import dev.airlock.core.export.ExportReport;
import dev.airlock.core.export.ExportResult;
import dev.airlock.core.export.ExportedFile;
import dev.airlock.core.export.Exporter;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.SandboxRisk;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.ToolSpec;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kubernetes}: the topology as manifests for a namespace that enforces Pod Security {@code restricted}, the
 * gate as the only path, agents as Deployments or agent-sandbox {@code Sandbox}es, NetworkPolicies and a
 * {@code kustomization.yaml}. Options: see {@link KubernetesOptions}. A loosened sandbox is refused unless
 * {@code allow-risks=true}; each loosening then stays visible in a comment and in the findings.
 */
public final class KubernetesExporter implements Exporter {

    public static final String ID = "kubernetes";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Kubernetes manifests: restricted namespace, the gate as the only path, NetworkPolicies (a directory)";
    }

    @Override
    public List<String> formats() {
        return List.of();
    }

    @Override
    public ExportResult export(Topology topology, ExportOptions exportOptions) throws ExportException {
        KubernetesOptions options = KubernetesOptions.of(topology, exportOptions);
        List<ExportFinding> findings = new ArrayList<>();
        List<String> risky = new ArrayList<>();
        PodHardening.Level level = PodHardening.Level.RESTRICTED;
        Map<AgentSpec, AgentIdentity> identities = new LinkedHashMap<>();
        for (int i = 0; i < topology.agents().size(); i++) {
            AgentSpec a = topology.agents().get(i);
            if (!Names.isLabel(Names.agent(a.id()))) {
                throw new ExportException("agent id '" + a.id() + "' does not make a Kubernetes name");
            }
            AgentIdentity id = AgentWorkloads.identity(a, i);
            identities.put(a, id);
            for (SandboxRisk r : a.sandbox().risks()) {
                risky.add("agent '" + a.id() + "': " + r.message());
                findings.add(new ExportFinding("agent:" + a.id(), ExportReport.RISK_PREFIX + ": " + r.message()));
            }
            if (AgentWorkloads.builtLocally(a)) {
                findings.add(new ExportFinding("agent:" + a.id(), "built locally from " + a.build().path() + " on "
                        + a.build().base() + ": build and push that image as " + AgentWorkloads.image(a)
                        + " (or change the manifest)"));
            }
            PodHardening.Level l = PodHardening.level(id, a.sandbox());
            level = l.compareTo(level) > 0 ? l : level;
        }
        if (!risky.isEmpty() && !options.allowRisks()) {
            throw new ExportException("refusing to export a loosened sandbox (" + risky.getFirst()
                    + (risky.size() > 1 ? ", and " + (risky.size() - 1) + " more" : "")
                    + "); export with allow-risks to accept " + (risky.size() > 1 ? "them" : "it"));
        }
        GateEgress egress = GateEgress.of(topology);
        findings.addAll(notes(topology, options, egress));
        if (level != PodHardening.Level.RESTRICTED) {
            findings.add(new ExportFinding("topology", "Pod Security enforce lowered to '" + level.label()
                    + "' for the allowed risks; audit and warn stay 'restricted'"));
        }

        String ns = options.namespace();
        List<ExportedFile> files = new ArrayList<>();
        files.add(ExportedFile.text("namespace.yaml", Yaml.documents(List.of(namespace(topology, ns, level, risky)))));
        files.add(ExportedFile.text("gate.yaml", Yaml.documents(GateWorkload.workload(topology, options))));
        files.add(ExportedFile.text("policy.yaml", Yaml.documents(GateWorkload.policy(topology, ns))));
        files.add(ExportedFile.text("network-policies.yaml",
                Yaml.documents(NetworkPolicies.of(topology, egress, ns))));
        for (Map.Entry<AgentSpec, AgentIdentity> e : identities.entrySet()) {
            files.add(ExportedFile.text("agents/" + e.getKey().id() + ".yaml",
                    Yaml.documents(AgentWorkloads.of(topology, e.getKey(), e.getValue(), options))));
        }
        if (options.agenticNetworking()) {
            List<Manifest> agentic = AgenticNetworking.of(topology, ns);
            if (!agentic.isEmpty()) {
                files.add(ExportedFile.text("agentic-networking.yaml", Yaml.documents(agentic)));
            }
        }
        files.add(ExportedFile.text("kustomization.yaml", kustomization(files)));
        files.add(ExportedFile.text("README.md", ExportReadme.write(topology, options, files, findings)));
        return new ExportResult(files, findings);
    }

    /** What only the gate enforces, what the export cannot carry over, and what the user must still provide. */
    private static List<ExportFinding> notes(Topology topology, KubernetesOptions options, GateEgress egress) {
        List<ExportFinding> notes = new ArrayList<>();
        for (GateEgress.Destination d : egress.hostNames()) {
            notes.add(new ExportFinding(d.element(), "host '" + d.host() + "' is enforced by the gate only:"
                    + " a NetworkPolicy cannot name hosts, so the gate's egress is open to public addresses on ports "
                    + d.ports()));
        }
        for (ToolSpec t : topology.tools()) {
            if (t.type().runsInContainer()) {
                String where = options.agenticNetworking() ? "; its XBackend expects it at Service " + Names.tool(t.id())
                        + ":" + AgenticNetworking.MCP_PORT + ", pods labelled " + AgenticNetworking.TOOL_LABEL + "="
                        + t.id() : "";
                notes.add(new ExportFinding("tool:" + t.id(), "MCP server '" + t.id() + "' is not deployed by the"
                        + " export: the gate runs it locally as a container, which a cluster's gate cannot" + where));
            }
        }
        notes.add(new ExportFinding("gate", "ConfigMap " + Names.JWKS_CONFIG_MAP + " holds no keys: fill it from"
                + " 'kubectl get --raw /openid/v1/jwks' (see README.md); until then the gate refuses every agent"));
        topology.models().stream().filter(m -> m.credential() != null).forEach(m -> notes.add(new ExportFinding(
                "model:" + m.id(), "its credential is a reference to Secret " + Names.CREDENTIALS_SECRET
                + ", which you create (see gate.yaml); no value is exported")));
        return notes;
    }

    private static Manifest namespace(Topology t, String ns, PodHardening.Level level, List<String> risky) {
        Map<String, String> labels = Names.common(t.name());
        labels.put("pod-security.kubernetes.io/enforce", level.label());
        labels.put("pod-security.kubernetes.io/audit", PodHardening.Level.RESTRICTED.label());
        labels.put("pod-security.kubernetes.io/warn", PodHardening.Level.RESTRICTED.label());
        List<String> comment = new ArrayList<>(List.of("Topology '" + t.name() + "' exported by Airlock."
                + " Pods here must meet Pod Security '" + level.label() + "'."));
        risky.forEach(r -> comment.add("RISK allowed with allow-risks: " + r));
        return new Manifest(new NamespaceBuilder().withNewMetadata().withName(ns).withLabels(labels).endMetadata()
                .build(), String.join("\n", comment));
    }

    /** Every manifest file, in the order they were made (namespace first), for {@code kubectl apply -k}. */
    private static String kustomization(List<ExportedFile> files) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
        k.put("kind", "Kustomization");
        k.put("resources", files.stream().map(ExportedFile::path).toList());
        return Yaml.write(k);
    }
}
