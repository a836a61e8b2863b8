package dev.airlock.plugins.kubernetes;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The controls of the Pod Security Standards' {@code restricted} profile, as Kubernetes publishes them
 * (kubernetes.io/docs/concepts/security/pod-security-standards, Baseline then Restricted tables), each a named check
 * of one pod template ({@code metadata} + {@code spec}) that lists its violations. Written from the published table,
 * not from the exporter, so that it can disagree with it.
 */
final class RestrictedProfile {

    /** One control: its name in the published table, and what it finds wrong in a pod template. */
    record Control(String name, Function<JsonNode, List<String>> check) {

        List<String> violations(JsonNode template) {
            return check.apply(template);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
    private static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    private static final Set<String> SELINUX_TYPES = Set.of("container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");
    private static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");

    static final List<Control> CONTROLS = List.of(
            new Control("HostProcess", RestrictedProfile::hostProcess),
            new Control("Host Namespaces", RestrictedProfile::hostNamespaces),
            new Control("Privileged Containers", RestrictedProfile::privileged),
            new Control("Capabilities (baseline)", RestrictedProfile::baselineCapabilities),
            new Control("HostPath Volumes", RestrictedProfile::hostPath),
            new Control("Host Ports", RestrictedProfile::hostPorts),
            new Control("AppArmor", RestrictedProfile::appArmor),
            new Control("SELinux", RestrictedProfile::seLinux),
            new Control("/proc Mount Type", RestrictedProfile::procMount),
            new Control("Seccomp (baseline)", RestrictedProfile::seccompBaseline),
            new Control("Sysctls", RestrictedProfile::sysctls),
            new Control("Volume Types", RestrictedProfile::volumeTypes),
            new Control("Privilege Escalation", RestrictedProfile::privilegeEscalation),
            new Control("Running as Non-root", RestrictedProfile::runAsNonRoot),
            new Control("Running as Non-root user", RestrictedProfile::runAsNonRootUser),
            new Control("Seccomp (restricted)", RestrictedProfile::seccompRestricted),
            new Control("Capabilities (restricted)", RestrictedProfile::restrictedCapabilities));

    private RestrictedProfile() {
    }

    /** Every violation of every control, each prefixed with the control's name. */
    static List<String> violations(JsonNode template) {
        List<String> all = new ArrayList<>();
        for (Control c : CONTROLS) {
            c.violations(template).forEach(v -> all.add(c.name() + ": " + v));
        }
        return all;
    }

    /** containers, initContainers and ephemeralContainers. */
    private static List<JsonNode> containers(JsonNode t) {
        List<JsonNode> all = new ArrayList<>();
        for (String field : List.of("containers", "initContainers", "ephemeralContainers")) {
            t.path("spec").path(field).forEach(all::add);
        }
        return all;
    }

    /** The pod's securityContext then each container's. */
    private static List<JsonNode> securityContexts(JsonNode t) {
        List<JsonNode> all = new ArrayList<>();
        all.add(t.path("spec").path("securityContext"));
        containers(t).forEach(c -> all.add(c.path("securityContext")));
        return all;
    }

    private static List<String> hostProcess(JsonNode t) {
        return securityContexts(t).stream().filter(s -> s.path("windowsOptions").path("hostProcess").asBoolean(false))
                .map(s -> "windowsOptions.hostProcess is true").toList();
    }

    private static List<String> hostNamespaces(JsonNode t) {
        return List.of("hostNetwork", "hostPID", "hostIPC").stream()
                .filter(f -> t.path("spec").path(f).asBoolean(false)).map(f -> f + " is true").toList();
    }

    private static List<String> privileged(JsonNode t) {
        return containers(t).stream().filter(c -> c.path("securityContext").path("privileged").asBoolean(false))
                .map(c -> c.path("name").asString() + " is privileged").toList();
    }

    private static List<String> baselineCapabilities(JsonNode t) {
        List<String> out = new ArrayList<>();
        containers(t).forEach(c -> c.path("securityContext").path("capabilities").path("add").forEach(cap -> {
            if (!BASELINE_CAPABILITIES.contains(cap.asString())) {
                out.add(c.path("name").asString() + " adds " + cap.asString());
            }
        }));
        return out;
    }

    private static List<String> hostPath(JsonNode t) {
        List<String> out = new ArrayList<>();
        t.path("spec").path("volumes").forEach(v -> {
            if (v.has("hostPath")) {
                out.add("volume " + v.path("name").asString() + " is a hostPath");
            }
        });
        return out;
    }

    private static List<String> hostPorts(JsonNode t) {
        List<String> out = new ArrayList<>();
        containers(t).forEach(c -> c.path("ports").forEach(p -> {
            if (p.path("hostPort").asInt(0) != 0) {
                out.add(c.path("name").asString() + " binds host port " + p.path("hostPort").asInt());
            }
        }));
        return out;
    }

    private static List<String> appArmor(JsonNode t) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : securityContexts(t)) {
            String type = s.path("appArmorProfile").path("type").asString("");
            if (!type.isEmpty() && !type.equals("RuntimeDefault") && !type.equals("Localhost")) {
                out.add("appArmorProfile.type " + type);
            }
        }
        t.path("metadata").path("annotations").properties().forEach(e -> {
            if (e.getKey().startsWith("container.apparmor.security.beta.kubernetes.io/")) {
                String v = e.getValue().asString();
                if (!v.equals("runtime/default") && !v.startsWith("localhost/")) {
                    out.add("annotation " + e.getKey() + "=" + v);
                }
            }
        });
        return out;
    }

    private static List<String> seLinux(JsonNode t) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : securityContexts(t)) {
            JsonNode se = s.path("seLinuxOptions");
            String type = se.path("type").asString("");
            if (!type.isEmpty() && !SELINUX_TYPES.contains(type)) {
                out.add("seLinuxOptions.type " + type);
            }
            if (!se.path("user").asString("").isEmpty() || !se.path("role").asString("").isEmpty()) {
                out.add("seLinuxOptions sets user or role");
            }
        }
        return out;
    }

    private static List<String> procMount(JsonNode t) {
        return containers(t).stream().map(c -> c.path("securityContext").path("procMount").asString(""))
                .filter(p -> !p.isEmpty() && !p.equals("Default")).map(p -> "procMount " + p).toList();
    }

    private static List<String> seccompBaseline(JsonNode t) {
        return securityContexts(t).stream().map(s -> s.path("seccompProfile").path("type").asString(""))
                .filter("Unconfined"::equals).map(p -> "seccompProfile Unconfined").toList();
    }

    private static List<String> sysctls(JsonNode t) {
        List<String> out = new ArrayList<>();
        t.path("spec").path("securityContext").path("sysctls").forEach(s -> {
            if (!SAFE_SYSCTLS.contains(s.path("name").asString())) {
                out.add("sysctl " + s.path("name").asString());
            }
        });
        return out;
    }

    private static List<String> volumeTypes(JsonNode t) {
        List<String> out = new ArrayList<>();
        t.path("spec").path("volumes").forEach(v -> v.propertyNames().forEach(field -> {
            if (!field.equals("name") && !VOLUME_TYPES.contains(field)) {
                out.add("volume " + v.path("name").asString() + " is a " + field);
            }
        }));
        return out;
    }

    private static List<String> privilegeEscalation(JsonNode t) {
        return containers(t).stream()
                .filter(c -> !c.path("securityContext").path("allowPrivilegeEscalation").isBoolean()
                        || c.path("securityContext").path("allowPrivilegeEscalation").asBoolean())
                .map(c -> c.path("name").asString() + " does not set allowPrivilegeEscalation: false").toList();
    }

    private static List<String> runAsNonRoot(JsonNode t) {
        boolean pod = t.path("spec").path("securityContext").path("runAsNonRoot").asBoolean(false);
        List<String> out = new ArrayList<>();
        for (JsonNode c : containers(t)) {
            JsonNode own = c.path("securityContext").path("runAsNonRoot");
            if (own.isBoolean() ? !own.asBoolean() : !pod) {
                out.add(c.path("name").asString() + " may run as root (runAsNonRoot not true)");
            }
        }
        return out;
    }

    private static List<String> runAsNonRootUser(JsonNode t) {
        return securityContexts(t).stream().filter(s -> s.has("runAsUser") && s.path("runAsUser").asLong() == 0)
                .map(s -> "runAsUser 0").toList();
    }

    private static List<String> seccompRestricted(JsonNode t) {
        String pod = t.path("spec").path("securityContext").path("seccompProfile").path("type").asString("");
        List<String> out = new ArrayList<>();
        for (JsonNode c : containers(t)) {
            String own = c.path("securityContext").path("seccompProfile").path("type").asString("");
            String effective = own.isEmpty() ? pod : own;
            if (!effective.equals("RuntimeDefault") && !effective.equals("Localhost")) {
                out.add(c.path("name").asString() + " seccomp '" + effective + "'");
            }
        }
        return out;
    }

    private static List<String> restrictedCapabilities(JsonNode t) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : containers(t)) {
            JsonNode caps = c.path("securityContext").path("capabilities");
            boolean dropsAll = false;
            for (JsonNode d : caps.path("drop")) {
                dropsAll |= d.asString().equals("ALL");
            }
            if (!dropsAll) {
                out.add(c.path("name").asString() + " does not drop ALL");
            }
            caps.path("add").forEach(a -> {
                if (!a.asString().equals("NET_BIND_SERVICE")) {
                    out.add(c.path("name").asString() + " adds " + a.asString());
                }
            });
        }
        return out;
    }
}
