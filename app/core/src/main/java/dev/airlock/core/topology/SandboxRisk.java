package dev.airlock.core.topology;

import dev.airlock.core.problem.RiskKind;

/**
 * One loosening of the hardened sandbox: what it is, for code that acts on it (the desktop marks the field it
 * came from), and a phrase for people (the validator's risk line, the desktop's badge).
 */
public record SandboxRisk(Kind kind, String message) {

    /** One kind per field of {@link SandboxOverrides} that can loosen the sandbox. */
    public enum Kind implements RiskKind {
        NETWORK, WRITABLE_ROOT, ROOT_USER, CAPABILITIES, PRIVILEGE_ESCALATION, SECCOMP_ENGINE_DEFAULT,
        SECCOMP_UNCONFINED
    }
}
