package dev.airlock.sandbox;

import com.github.dockerjava.api.model.Info;

import java.util.List;

/**
 * What the engine can enforce of the hardening profile, as its info reports it: a limit the kernel cannot apply
 * would be accepted by the engine and silently not enforced, so {@code airlock doctor} names each one.
 */
public record EngineFeatures(boolean rootless, boolean userNamespaces, String cgroupVersion, boolean memoryLimit,
                             boolean pidsLimit, boolean seccomp) {

    static EngineFeatures of(Info info) {
        List<String> security = info.getSecurityOptions() == null ? List.of() : info.getSecurityOptions();
        // docker-java has no field for PidsLimit; the engine's JSON still carries it.
        Object pids = info.getRawValues().get("PidsLimit");
        return new EngineFeatures(
                security.stream().anyMatch(o -> o.contains("name=rootless")),
                security.stream().anyMatch(o -> o.contains("name=userns")),
                info.getCGroupVersion() == null ? "unknown" : info.getCGroupVersion(),
                Boolean.TRUE.equals(info.getMemoryLimit()),
                Boolean.TRUE.equals(pids),
                security.stream().anyMatch(o -> o.startsWith("name=seccomp")));
    }
}
