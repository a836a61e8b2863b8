package dev.airlock.gate;

import dev.airlock.core.model.ModelBackend;
import dev.airlock.core.model.ModelException;
import dev.airlock.core.model.SecretResolver;
import dev.airlock.core.topology.ModelSpec;

/**
 * Which {@link ModelBackend} serves a topology's model. The host decides and may start the backend on first use;
 * the gate asks on every request, so the host keeps what it started and closes it at the end. A backend that needs
 * the model's credential resolves it through {@code secrets}, which the gate backs with its own
 * {@link CredentialResolver}: the value stays in the gate's process.
 */
@FunctionalInterface
public interface ModelSource {

    ModelSource NONE = (spec, secrets) -> {
        throw new ModelException("no backend serves model " + spec.id());
    };

    ModelBackend backendFor(ModelSpec spec, SecretResolver secrets) throws ModelException;
}
