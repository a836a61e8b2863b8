package dev.airlock.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "kubernetes",
        description = {"Write Kubernetes manifests for a topology: a namespace enforcing Pod Security 'restricted', the"
                + " gate as Deployment + Service reading the policy from a ConfigMap, each agent with its own"
                + " ServiceAccount and a short-lived projected token, NetworkPolicies denying all but the gate, and a"
                + " kustomization.yaml.",
                "A topology that loosens a sandbox is refused unless --allow-risks.",
                "Exit 0 when written, 2 on a bad FILE, option or DIR (then nothing is written)."})
final class ExportKubernetesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Topology file (YAML or JSON).")
    Path file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "Directory to write; it must not exist yet or be empty.")
    Path output;

    @Option(names = "--sandbox", paramLabel = "MODE",
            description = "How agents run: deployment (default) or agent-sandbox (Sandbox of kubernetes-sigs/agent-sandbox).")
    String sandbox;

    @Option(names = "--runtime-class", paramLabel = "CLASS", description = "Pods' runtimeClassName: gvisor or kata.")
    String runtimeClass;

    @Option(names = "--agentic-networking",
            description = "Also write MCP tool servers as XBackend and tool scopes as XAccessPolicy (alpha API).")
    boolean agenticNetworking;

    @Option(names = "--namespace", paramLabel = "NS", description = "Namespace (default: airlock-<topology name>).")
    String namespace;

    @Option(names = "--allow-risks", description = "Export a topology that loosens a sandbox; each loosening is listed.")
    boolean allowRisks;

    @Override
    public Integer call() {
        Map<String, String> options = new LinkedHashMap<>();
        if (sandbox != null) {
            options.put("sandbox", sandbox);
        }
        if (runtimeClass != null) {
            options.put("runtime-class", runtimeClass);
        }
        if (agenticNetworking) {
            options.put("agentic-networking", "true");
        }
        if (namespace != null) {
            options.put("namespace", namespace);
        }
        if (allowRisks) {
            options.put("allow-risks", "true");
        }
        return DirectoryExport.run("kubernetes", file, output, options);
    }
}
