package dev.airlock.run.plugins;

import dev.airlock.core.model.ModelBackend;
import dev.airlock.core.model.ModelBackends;
import dev.airlock.core.model.ModelException;
import dev.airlock.core.model.SecretResolver;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.gate.ModelSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves a run's models with the installed backend plugins. A backend starts on first use, resolving its credential
 * through the gate's resolver; all are closed with the run.
 */
public final class PluginModels implements ModelSource, AutoCloseable {

    private final Path baseDir;
    private final ModelBackends installed = ModelBackends.installed();
    private final Map<String, ModelBackend> started = new LinkedHashMap<>();

    /** @param baseDir the topology file's directory, against which backends resolve relative option paths */
    public PluginModels(Path baseDir) {
        this.baseDir = baseDir;
    }

    @Override
    public synchronized ModelBackend backendFor(ModelSpec spec, SecretResolver secrets) throws ModelException {
        ModelBackend backend = started.get(spec.id());
        if (backend == null) {
            var provider = installed.provider(spec.backend()).orElseThrow(() ->
                    new ModelException("no plugin serves model backend " + spec.backend()));
            backend = provider.create(spec, baseDir, secrets);
            started.put(spec.id(), backend);
        }
        return backend;
    }

    @Override
    public synchronized void close() {
        started.values().forEach(ModelBackend::close);
        started.clear();
    }
}
