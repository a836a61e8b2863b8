package dev.airlock.core.topology;

import java.util.Map;

/**
 * A model endpoint reached only through the gate. The credential is a reference resolved in the gate's process;
 * its value never enters a topology file or a container.
 */
public record ModelSpec(
        String id,
        String backend,
        String model,
        String endpoint,
        CredentialRef credential,
        Map<String, String> options) {

    public ModelSpec {
        options = Map.copyOf(options);
    }

    public static ModelSpec scripted(String id) {
        return new ModelSpec(id, "scripted", null, null, null, Map.of());
    }

    public ModelSpec withId(String id) {
        return new ModelSpec(id, backend, model, endpoint, credential, options);
    }

    public ModelSpec withBackend(String backend) {
        return new ModelSpec(id, backend, model, endpoint, credential, options);
    }

    public ModelSpec withModel(String model) {
        return new ModelSpec(id, backend, model, endpoint, credential, options);
    }

    public ModelSpec withEndpoint(String endpoint) {
        return new ModelSpec(id, backend, model, endpoint, credential, options);
    }
}
