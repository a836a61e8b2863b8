package dev.airlock.plugins.compose;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.export.ExportFinding;
import dev.airlock.core.export.ExportOptions;
import dev.airlock.core.export.ExportResult;
import dev.airlock.core.export.ExportedFile;
import dev.airlock.core.export.Exporter;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.SandboxRisk;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code airlock export compose}: a Docker Compose project that runs a topology with the local run's guarantees.
 * Every agent is a hardened service with no network whose only way out is its socket volume, shared with the gate
 * alone; the gate is a service of its own reading the policy read-only. A topology that loosens an agent's sandbox
 * is exported only with {@code allow-risks=true}, and each loosening is listed in the file and the findings.
 */
public final class ComposeExporter implements Exporter {

    public static final String ID = "compose";
    public static final String ALLOW_RISKS = "allow-risks";
    static final String SECCOMP_FILE = "seccomp/airlock-strict.json";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Docker Compose project: hardened agent services, the gate as a service, per-agent socket volumes";
    }

    @Override
    public List<String> formats() {
        return List.of();
    }

    @Override
    public ExportResult export(Topology topology, ExportOptions options) throws ExportException {
        boolean allowRisks = options.get(ALLOW_RISKS).map(Boolean::parseBoolean).orElse(false);
        List<ExportFinding> risks = new ArrayList<>();
        for (AgentSpec a : topology.agents()) {
            if (a.build() != null) {
                throw new ExportException("agent '" + a.id() + "' is built from a Dockerfile (build:); build and tag"
                        + " its image, then name it with image:");
            }
            if (a.sandbox().user() != null && AgentIdentity.parse(a.sandbox().user()).isEmpty()) {
                throw new ExportException("agent '" + a.id() + "' runs as user '" + a.sandbox().user() + "', a name "
                        + "the gate cannot check its socket's peer against; give a numeric uid:gid");
            }
            for (SandboxRisk r : a.sandbox().risks()) {
                risks.add(new ExportFinding("agent:" + a.id(), r.message()));
            }
        }
        if (!risks.isEmpty() && !allowRisks) {
            throw new ExportException(risks.size() + (risks.size() == 1 ? " loosening" : " loosenings")
                    + " of the sandbox (first: " + risks.getFirst().element() + ": " + risks.getFirst().text()
                    + "); export them only with --allow-risks");
        }
        ComposeProject project = new ComposeProject(topology, risks);
        List<ExportedFile> files = List.of(
                ExportedFile.text("README.md", project.readme()),
                ExportedFile.text("docker-compose.yml", project.composeFile()),
                ExportedFile.text("policy/topology.yaml", TopologyWriter.toYaml(topology)),
                new ExportedFile(SECCOMP_FILE, seccompProfile()));
        List<ExportFinding> findings = new ArrayList<>(risks);
        findings.addAll(project.gateOnly());
        return new ExportResult(files, findings);
    }

    private static byte[] seccompProfile() {
        try (InputStream in = ComposeExporter.class.getResourceAsStream("seccomp-strict.json")) {
            if (in == null) {
                throw new IllegalStateException("this exporter was built without Airlock's seccomp profile");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
