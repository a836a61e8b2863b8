package dev.airlock.plugins.kubernetes;

import dev.airlock.core.export.ExportFinding;
import dev.airlock.core.export.ExportReport;
import dev.airlock.core.export.ExportedFile;
import dev.airlock.core.topology.Topology;

import java.util.List;

/** The export's README.md: what is in the directory, the two steps before applying it, and what was found. */
final class ExportReadme {

    private ExportReadme() {
    }

    static String write(Topology t, KubernetesOptions o, List<ExportedFile> files, List<ExportFinding> findings) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(t.name()).append(" on Kubernetes\n\n");
        md.append("Exported by `airlock export kubernetes` into namespace `").append(o.namespace())
                .append("`; agents as ").append(o.workload() == KubernetesOptions.Workload.DEPLOYMENT
                        ? "Deployments" : "agent-sandbox `Sandbox` resources (agents.x-k8s.io/v1beta1)")
                .append(o.runtimeClass().map(r -> ", runtime class `" + r + "`").orElse("")).append(".\n\n");
        md.append("## Before `kubectl apply -k .`\n\n");
        md.append("1. Give the gate the keys that sign ServiceAccount tokens (until then it refuses every agent):\n\n")
                .append("       kubectl get --raw /openid/v1/jwks > jwks.json\n")
                .append("       kubectl -n ").append(o.namespace()).append(" create configmap ")
                .append(Names.JWKS_CONFIG_MAP).append(" --from-file=").append(Names.JWKS_KEY)
                .append("=jwks.json --dry-run=client -o yaml | kubectl apply -f -\n\n");
        boolean credentials = t.models().stream().anyMatch(m -> m.credential() != null);
        md.append("2. ").append(credentials
                ? "Create Secret `" + Names.CREDENTIALS_SECRET + "` with the models' credentials (see the comment in"
                + " gate.yaml); the export holds references only, never a value.\n\n"
                : "No model needs a credential.\n\n");
        md.append("## Files\n\n");
        files.forEach(f -> md.append("- `").append(f.path()).append("`\n"));
        md.append("- `README.md`\n\n");
        md.append("## Enforced by the gate, not by the platform\n\n");
        md.append("- Which agent may send which kind to whom, tool scopes per agent, guardrails, rates and frame sizes.\n");
        // The JWKS and the credentials are the two steps above, not something the gate enforces.
        findings.stream().filter(f -> !f.text().startsWith(ExportReport.RISK_PREFIX))
                .filter(f -> !f.element().equals("gate") && !f.element().startsWith("model:"))
                .forEach(f -> md.append("- `").append(f.element()).append("`: ").append(f.text()).append('\n'));
        md.append("\n## Risks allowed\n\n");
        List<ExportFinding> risks = findings.stream().filter(f -> f.text().startsWith(ExportReport.RISK_PREFIX)).toList();
        if (risks.isEmpty()) {
            md.append("None: every pod meets Pod Security `restricted`.\n");
        }
        risks.forEach(f -> md.append("- `").append(f.element()).append("`: ").append(f.text()).append('\n'));
        md.append("\n## Not carried over\n\n")
                .append("- Files the topology names relative to itself (a scripted model's rules, a tool's seed or site)"
                        + " are not in `policy.yaml`: mount them next to the topology in the gate's pod.\n")
                .append("- Seccomp is `RuntimeDefault`, not the local sandbox's stricter allow-list; the pids limit is"
                        + " the node's (`podPidsLimit`), not per agent.\n");
        if (o.workload() == KubernetesOptions.Workload.DEPLOYMENT) {
            md.append("- A Deployment restarts a pod that exits, whatever the agent's restart policy says.\n");
        }
        if (o.agenticNetworking()) {
            md.append("\n`agentic-networking.yaml` uses kube-agentic-networking, an **alpha** API.\n");
        }
        return md.toString();
    }
}
