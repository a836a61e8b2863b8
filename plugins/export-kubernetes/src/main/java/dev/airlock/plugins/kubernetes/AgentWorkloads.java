package dev.airlock.plugins.kubernetes;

import tools.jackson.core.type.TypeReference;
import dev.airlock.core.export.ExportException;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Topology;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per agent: a ServiceAccount whose token is never automounted, and a workload (a Deployment, or an agent-sandbox
 * {@code Sandbox}) whose only credential is a projected, short-lived token for the gate's audience.
 */
final class AgentWorkloads {

    static final String SANDBOX_API = "agents.x-k8s.io/v1beta1";
    /**
     * Agents run as distinct, unprivileged uids from a high range no distribution assigns, as locally; the gate
     * takes the first, which is also the uid of the {@code airlock/gate} image and of the headless gate's
     * workloads (agent i gets FIRST_UID + 1 + i there too).
     */
    static final int FIRST_UID = 1_770_000_000;

    private AgentWorkloads() {
    }

    /** The agent's uid: its topology's numeric {@code sandbox.user}, else one of its own. */
    static AgentIdentity identity(AgentSpec a, int index) throws ExportException {
        String user = a.sandbox().user();
        if (user == null) {
            int uid = FIRST_UID + 1 + index;
            return new AgentIdentity(uid, uid);
        }
        if (user.trim().equals("root")) {
            return new AgentIdentity(0, 0);
        }
        return AgentIdentity.parse(user).orElseThrow(() -> new ExportException("agent '" + a.id()
                + "': sandbox user '" + user + "' is not a numeric uid or uid:gid, which Kubernetes needs to"
                + " check runAsNonRoot"));
    }

    static List<Manifest> of(Topology t, AgentSpec a, AgentIdentity id, KubernetesOptions options) {
        String name = Names.agent(a.id());
        Map<String, String> labels = Names.agentLabels(t.name(), a.id());
        List<Manifest> out = new ArrayList<>();
        out.add(new Manifest(new ServiceAccountBuilder()
                .withNewMetadata().withName(name).withNamespace(options.namespace()).withLabels(labels).endMetadata()
                .withAutomountServiceAccountToken(false)
                .build(), "Its only token is the projected one below, for the gate; the API server's is never mounted."));
        PodTemplateSpec template = new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(podSpec(t, a, id, options))
                .build();
        List<String> comment = new ArrayList<>();
        comment.add("Agent '" + a.id() + "'" + (a.description().isEmpty() ? "" : ": " + a.description()));
        a.sandbox().risks().forEach(r -> comment.add("RISK allowed with allow-risks: " + r.message()));
        if (options.workload() == KubernetesOptions.Workload.DEPLOYMENT) {
            out.add(new Manifest(new DeploymentBuilder()
                    .withNewMetadata().withName(name).withNamespace(options.namespace()).withLabels(labels).endMetadata()
                    .withNewSpec()
                    .withReplicas(1)
                    // One compartment per agent: never two pods of it at once, even during a rollout.
                    .withNewStrategy().withType("Recreate").endStrategy()
                    .withNewSelector().withMatchLabels(Map.of(Names.AGENT_LABEL, a.id())).endSelector()
                    .withTemplate(template)
                    .endSpec()
                    .build(), String.join("\n", comment)));
        } else {
            comment.add("Sandbox of kubernetes-sigs/agent-sandbox: one stateful pod per agent.");
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("podTemplate", Yaml.MAPPER.convertValue(template, new TypeReference<Map<String, Object>>() { }));
            HasMetadata sandbox = new GenericKubernetesResourceBuilder()
                    .withApiVersion(SANDBOX_API).withKind("Sandbox")
                    .withNewMetadata().withName(name).withNamespace(options.namespace()).withLabels(labels).endMetadata()
                    .withAdditionalProperties(Map.of("spec", spec))
                    .build();
            out.add(new Manifest(sandbox, String.join("\n", comment)));
        }
        return out;
    }

    private static PodSpec podSpec(Topology t, AgentSpec a, AgentIdentity id, KubernetesOptions options) {
        SandboxOverrides o = a.sandbox();
        Container container = new ContainerBuilder()
                .withName("agent")
                .withImage(image(a))
                .withImagePullPolicy("IfNotPresent")
                // The topology's command replaces the image's CMD, as locally; the entrypoint stays the image's.
                .withArgs(a.command())
                .withEnv(env(a))
                .withWorkingDir("/tmp")
                .withResources(PodHardening.resources(a.effectiveResources(t.defaults())))
                .withSecurityContext(PodHardening.container(id, o))
                .withVolumeMounts(PodHardening.tmpMount(), new VolumeMountBuilder()
                        .withName(Names.TOKEN_VOLUME).withMountPath(Names.TOKEN_DIR).withReadOnly(true).build())
                .build();
        PodSpecBuilder pod = new PodSpecBuilder()
                .withServiceAccountName(Names.agent(a.id()))
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(PodHardening.pod(id, o))
                .withContainers(container)
                .withVolumes(PodHardening.tmpVolume(a.effectiveResources(t.defaults())), new VolumeBuilder()
                        .withName(Names.TOKEN_VOLUME)
                        .withNewProjected().withSources(new VolumeProjectionBuilder()
                                .withNewServiceAccountToken()
                                .withAudience(Names.TOKEN_AUDIENCE)
                                .withExpirationSeconds(Names.TOKEN_SECONDS)
                                .withPath("token")
                                .endServiceAccountToken().build())
                        .endProjected().build());
        options.runtimeClass().ifPresent(pod::withRuntimeClassName);
        return pod.build();
    }

    /**
     * The agent's image. One built from local material exists only in the local engine, for one run: the export
     * names the image the user is to build and push ({@link #builtLocally}), as the report says.
     */
    static String image(AgentSpec a) {
        if (builtLocally(a)) {
            return "airlock/agent-" + a.id() + ":latest";
        }
        return a.image() == null || a.image().isBlank() ? "airlock/agent-java" : a.image();
    }

    static boolean builtLocally(AgentSpec a) {
        return a.build() != null;
    }

    /** The topology's variables, sorted, then where the gate is and where the token lies. */
    private static List<EnvVar> env(AgentSpec a) {
        List<EnvVar> env = new ArrayList<>();
        new TreeMap<>(a.env()).forEach((k, v) -> env.add(new EnvVar(k, v, null)));
        env.add(new EnvVar("AIRLOCK_GATE", "tcp://" + Names.GATE + ":" + Names.GATE_PORT, null));
        env.add(new EnvVar("AIRLOCK_TOKEN_FILE", Names.TOKEN_DIR + "/token", null));
        return env;
    }
}
