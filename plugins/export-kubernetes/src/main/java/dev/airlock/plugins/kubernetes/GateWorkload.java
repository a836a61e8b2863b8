package dev.airlock.plugins.kubernetes;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.topology.ByteSize;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyWriter;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gate as a workload: {@code airlock gate} reading the topology from ConfigMap {@code airlock-policy}, checking
 * agents' projected tokens against the JWKS in ConfigMap {@code airlock-jwks}, listening on TCP 7070 behind Service
 * {@code airlock-gate}. Model credentials reach it as references to a Secret the user creates; no value is written.
 */
final class GateWorkload {

    static final String IMAGE = "airlock/gate:latest";
    static final AgentIdentity IDENTITY = new AgentIdentity(AgentWorkloads.FIRST_UID, AgentWorkloads.FIRST_UID);
    /** The gate holds every pipe's buffers and the models' clients: more room than one agent. */
    static final Resources RESOURCES = Resources.DEFAULT.withMemory(ByteSize.ofMebibytes(512));
    private static final String CONFIG_DIR = "/etc/airlock";

    private GateWorkload() {
    }

    static List<String> args(String namespace) {
        return List.of("gate", "--topology", CONFIG_DIR + "/" + Names.POLICY_KEY,
                "--listen", "tcp://0.0.0.0:" + Names.GATE_PORT,
                "--k8s-audience", Names.TOKEN_AUDIENCE, "--k8s-namespace", namespace,
                "--k8s-jwks", CONFIG_DIR + "/jwks/" + Names.JWKS_KEY);
    }

    static List<Manifest> policy(Topology t, String namespace) {
        return List.of(
                new Manifest(new ConfigMapBuilder()
                        .withNewMetadata().withName(Names.POLICY_CONFIG_MAP).withNamespace(namespace)
                        .withLabels(Names.gate(t.name())).endMetadata()
                        .withData(Map.of(Names.POLICY_KEY, TopologyWriter.toYaml(t)))
                        .build(), "The policy the gate enforces: the topology as tested locally."),
                new Manifest(new ConfigMapBuilder()
                        .withNewMetadata().withName(Names.JWKS_CONFIG_MAP).withNamespace(namespace)
                        .withLabels(Names.gate(t.name())).endMetadata()
                        .withData(Map.of(Names.JWKS_KEY, "{\"keys\":[]}\n"))
                        .build(), """
                        The keys that sign the cluster's ServiceAccount tokens. Empty until you fill it:
                          kubectl get --raw /openid/v1/jwks > jwks.json
                          kubectl -n %s create configmap %s --from-file=%s=jwks.json --dry-run=client -o yaml | kubectl apply -f -
                        With no keys the gate refuses every agent.""".formatted(namespace, Names.JWKS_CONFIG_MAP,
                        Names.JWKS_KEY)));
    }

    static List<Manifest> workload(Topology t, KubernetesOptions options) throws ExportException {
        String ns = options.namespace();
        for (ModelSpec m : t.models()) {
            if (m.credential() != null && m.credential().file() != null
                    && !m.credential().file().startsWith("/")) {
                throw new ExportException("model '" + m.id() + "': credential file '" + m.credential().file()
                        + "' is relative; a cluster export needs an absolute path to mount the Secret at");
            }
        }
        Map<String, String> labels = Names.gate(t.name());
        List<Manifest> out = new ArrayList<>();
        out.add(new Manifest(new ServiceAccountBuilder()
                .withNewMetadata().withName(Names.GATE).withNamespace(ns).withLabels(labels).endMetadata()
                .withAutomountServiceAccountToken(false)
                .build(), "The gate reads no Kubernetes API: it verifies agents' tokens offline against the JWKS."));
        List<VolumeMount> mounts = new ArrayList<>(List.of(PodHardening.tmpMount(),
                new VolumeMountBuilder().withName("config").withMountPath(CONFIG_DIR).withReadOnly(true).build()));
        List<Volume> volumes = new ArrayList<>(List.of(PodHardening.tmpVolume(RESOURCES), configVolume()));
        List<EnvVar> env = new ArrayList<>();
        for (ModelSpec m : t.models()) {
            if (m.credential() == null) {
                continue;
            }
            if (m.credential().env() != null) {
                env.add(new EnvVarBuilder().withName(m.credential().env()).withNewValueFrom().withNewSecretKeyRef()
                        .withName(Names.CREDENTIALS_SECRET).withKey(m.credential().env()).endSecretKeyRef()
                        .endValueFrom().build());
            }
        }
        boolean files = false;
        for (ModelSpec m : t.models()) {
            if (m.credential() != null && m.credential().file() != null) {
                // The file lands where the topology says the gate reads it; the Secret's key is the model's id.
                mounts.add(new VolumeMountBuilder().withName("credentials").withMountPath(m.credential().file())
                        .withSubPath(m.id()).withReadOnly(true).build());
                files = true;
            }
        }
        if (files) {
            volumes.add(new VolumeBuilder().withName("credentials").withNewSecret()
                    .withSecretName(Names.CREDENTIALS_SECRET).withDefaultMode(0440).endSecret().build());
        }
        out.add(new Manifest(new DeploymentBuilder()
                .withNewMetadata().withName(Names.GATE).withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector().withMatchLabels(Map.of(Names.COMPONENT_LABEL, "gate")).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withServiceAccountName(Names.GATE)
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(PodHardening.pod(IDENTITY, SandboxOverrides.NONE))
                .addNewContainer()
                .withName("gate")
                .withImage(IMAGE)
                .withImagePullPolicy("IfNotPresent")
                .withArgs(args(ns))
                .withEnv(env)
                .addNewPort().withName("gate").withContainerPort(Names.GATE_PORT).withProtocol("TCP").endPort()
                .withResources(PodHardening.resources(RESOURCES))
                .withSecurityContext(PodHardening.container(IDENTITY, SandboxOverrides.NONE))
                .withVolumeMounts(mounts)
                .endContainer()
                .withVolumes(volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build(), credentialComment(t, ns)));
        out.add(new Manifest(new ServiceBuilder()
                .withNewMetadata().withName(Names.GATE).withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec()
                .withSelector(Map.of(Names.COMPONENT_LABEL, "gate"))
                .addNewPort().withName("gate").withPort(Names.GATE_PORT).withTargetPort(new IntOrString("gate"))
                .withProtocol("TCP").endPort()
                .endSpec()
                .build(), "Agents reach the gate here, and nothing else (see network-policies.yaml)."));
        return out;
    }

    /** The policy at /etc/airlock/topology.yaml and the keys at /etc/airlock/jwks/jwks.json, from two ConfigMaps. */
    private static Volume configVolume() {
        return new VolumeBuilder().withName("config").withNewProjected().withSources(
                new VolumeProjectionBuilder().withNewConfigMap().withName(Names.POLICY_CONFIG_MAP)
                        .withItems(new KeyToPathBuilder().withKey(Names.POLICY_KEY).withPath(Names.POLICY_KEY).build()).endConfigMap().build(),
                new VolumeProjectionBuilder().withNewConfigMap().withName(Names.JWKS_CONFIG_MAP)
                        .withItems(new KeyToPathBuilder().withKey(Names.JWKS_KEY).withPath("jwks/" + Names.JWKS_KEY).build()).endConfigMap().build())
                .endProjected().build();
    }

    private static String credentialComment(Topology t, String namespace) {
        List<String> lines = new ArrayList<>(List.of("The gate: the only path between agents, tools and models."));
        List<String> refs = new ArrayList<>();
        for (ModelSpec m : t.models()) {
            if (m.credential() != null && m.credential().env() != null) {
                refs.add("--from-literal=" + m.credential().env() + "=...");
            } else if (m.credential() != null && m.credential().file() != null) {
                refs.add("--from-file=" + m.id() + "=" + m.credential().file());
            }
        }
        if (!refs.isEmpty()) {
            lines.add("Model credentials are references to a Secret you create (no value is exported):");
            lines.add("  kubectl -n " + namespace + " create secret generic " + Names.CREDENTIALS_SECRET + " "
                    + String.join(" ", refs));
        }
        return String.join("\n", lines);
    }
}
