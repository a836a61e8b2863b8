package dev.airlock.plugins.scripted;

import dev.airlock.core.model.ModelBackend;
import dev.airlock.core.model.ModelBackendProvider;
import dev.airlock.core.model.ModelException;
import dev.airlock.core.model.SecretResolver;
import dev.airlock.core.topology.ModelSpec;

import java.nio.file.Path;

/**
 * {@code backend: scripted}: replies from a rules file beside the topology, so that samples and workshops run
 * offline and give the same result every time. Options: {@code rules} (path, required).
 */
public final class ScriptedBackendProvider implements ModelBackendProvider {

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public ModelBackend create(ModelSpec spec, Path baseDir, SecretResolver secrets) throws ModelException {
        String rules = spec.options().get("rules");
        if (rules == null) {
            throw new ModelException("scripted model '" + spec.id() + "' needs option 'rules': a rules file"
                    + " beside the topology, e.g. options: {rules: rules.yaml}");
        }
        Path file = baseDir.resolve(rules);
        Script script = Script.load(file);
        return new ScriptedBackend(script, LatencyModel.of(script.latency(), script.seed(), file));
    }
}
