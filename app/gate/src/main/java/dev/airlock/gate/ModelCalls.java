package dev.airlock.gate;

import dev.airlock.core.model.ModelException;
import dev.airlock.core.topology.ModelSpec;

/** Asking a model: in scope, request and answer guarded. */
final class ModelCalls implements CallPath.Callee {

    private final Pipeline pipeline;
    private final PluginBridge plugins;

    ModelCalls(Pipeline pipeline, PluginBridge plugins) {
        this.pipeline = pipeline;
        this.plugins = plugins;
    }

    @Override
    public String key() {
        return "model";
    }

    @Override
    public String resultFrame() {
        return "model.result";
    }

    @Override
    public boolean isModel() {
        return true;
    }

    @Override
    public Verdict request(Session s, String name, byte[] body) {
        return pipeline.modelRequest(s.agent(), name, body);
    }

    @Override
    public byte[] call(Session s, String name, byte[] body) throws ModelException {
        ModelSpec spec = pipeline.modelInScope(s.agent(), name).orElseThrow();
        return plugins.complete(s.agent(), spec, body);
    }

    @Override
    public Verdict result(String agent, String name, byte[] result) {
        return pipeline.modelResult(agent, name, result);
    }
}
