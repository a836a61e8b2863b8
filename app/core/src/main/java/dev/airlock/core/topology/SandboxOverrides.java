package dev.airlock.core.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Explicit loosenings of the hardened sandbox. Every field left null keeps the hardened value; every field set
 * to something weaker is reported as a risk by {@link #risks()}. Start from {@link #NONE} and change one field at a
 * time with the {@code with...} methods.
 */
public record SandboxOverrides(
        String network,
        Boolean readOnlyRoot,
        String user,
        List<String> capAdd,
        Boolean noNewPrivileges,
        Seccomp seccomp) {

    public static final String HARDENED_NETWORK = "none";
    public static final SandboxOverrides NONE = new SandboxOverrides(null, null, null, List.of(), null, null);

    public SandboxOverrides {
        capAdd = List.copyOf(capAdd);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** One risk per loosening, in the order the file declares the fields. */
    public List<SandboxRisk> risks() {
        List<SandboxRisk> risks = new ArrayList<>();
        if (network != null && !HARDENED_NETWORK.equals(network)) {
            risks.add(new SandboxRisk(SandboxRisk.Kind.NETWORK,
                    "network '" + network + "' instead of 'none': the agent can reach the network without the gate"));
        }
        if (Boolean.FALSE.equals(readOnlyRoot)) {
            risks.add(new SandboxRisk(SandboxRisk.Kind.WRITABLE_ROOT,
                    "writable root filesystem: the agent can alter its own image"));
        }
        if (user != null && isRoot(user)) {
            risks.add(new SandboxRisk(SandboxRisk.Kind.ROOT_USER, "runs as root inside the container"));
        }
        if (!capAdd.isEmpty()) {
            risks.add(new SandboxRisk(SandboxRisk.Kind.CAPABILITIES, "adds capabilities " + capAdd));
        }
        if (Boolean.FALSE.equals(noNewPrivileges)) {
            risks.add(new SandboxRisk(SandboxRisk.Kind.PRIVILEGE_ESCALATION,
                    "allows privilege escalation (no-new-privileges off)"));
        }
        if (seccomp == Seccomp.DEFAULT) {
            risks.add(new SandboxRisk(SandboxRisk.Kind.SECCOMP_ENGINE_DEFAULT,
                    "seccomp 'default': the engine's broader profile instead of Airlock's strict allow-list"));
        }
        if (seccomp == Seccomp.UNCONFINED) {
            risks.add(new SandboxRisk(SandboxRisk.Kind.SECCOMP_UNCONFINED,
                    "seccomp unconfined: every system call is allowed"));
        }
        return risks;
    }

    /** Whether one of {@link #risks()} is of this kind. */
    public boolean loosens(SandboxRisk.Kind kind) {
        return risks().stream().anyMatch(r -> r.kind() == kind);
    }

    public SandboxOverrides withNetwork(String network) {
        return new SandboxOverrides(network, readOnlyRoot, user, capAdd, noNewPrivileges, seccomp);
    }

    public SandboxOverrides withReadOnlyRoot(Boolean readOnlyRoot) {
        return new SandboxOverrides(network, readOnlyRoot, user, capAdd, noNewPrivileges, seccomp);
    }

    public SandboxOverrides withUser(String user) {
        return new SandboxOverrides(network, readOnlyRoot, user, capAdd, noNewPrivileges, seccomp);
    }

    public SandboxOverrides withCapAdd(List<String> capAdd) {
        return new SandboxOverrides(network, readOnlyRoot, user, capAdd, noNewPrivileges, seccomp);
    }

    public SandboxOverrides withNoNewPrivileges(Boolean noNewPrivileges) {
        return new SandboxOverrides(network, readOnlyRoot, user, capAdd, noNewPrivileges, seccomp);
    }

    public SandboxOverrides withSeccomp(Seccomp seccomp) {
        return new SandboxOverrides(network, readOnlyRoot, user, capAdd, noNewPrivileges, seccomp);
    }

    private static boolean isRoot(String user) {
        String uid = user.split(":", 2)[0].trim();
        return uid.equals("0") || uid.equals("root");
    }
}
