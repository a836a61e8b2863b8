package dev.airlock.core.model;

import dev.airlock.core.plugin.Extension;
import dev.airlock.core.topology.ModelSpec;

import java.nio.file.Path;

/**
 * Makes backends of one kind ({@code scripted}, {@code openai}, ...). Registered as a
 * {@code META-INF/services/dev.airlock.core.model.ModelBackendProvider} entry in a plugin jar.
 */
public interface ModelBackendProvider extends Extension {

    /** The name a topology's {@code backend:} field uses. */
    String name();

    @Override
    default String describe() {
        return "model backend " + name();
    }

    /**
     * @param baseDir   the topology file's directory, against which relative option paths resolve
     * @param secrets   resolves the model's credential reference; only ever called in the gate's process
     * @throws ModelException if the spec's options are unusable (reported to the user as one line)
     */
    ModelBackend create(ModelSpec spec, Path baseDir, SecretResolver secrets) throws ModelException;
}
