package dev.airlock.gate;

import dev.airlock.core.topology.ModelSpec;

/**
 * Asking a model: in scope, request and answer guarded. The model's real credential is resolved here, in the
 * gate's process, and handed to the backend only; the agent never holds more than its gate token.
 */
final class ModelCalls implements CallPath.Callee {

    private final Pipeline pipeline;
    private final CredentialResolver credentials;
    private final ModelBackend models;

    ModelCalls(Pipeline pipeline, CredentialResolver credentials, ModelBackend models) {
        this.pipeline = pipeline;
        this.credentials = credentials;
        this.models = models;
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
    public byte[] call(Session s, String name, byte[] body) throws Exception {
        ModelSpec spec = pipeline.modelInScope(s.agent(), name).orElseThrow();
        String credential = spec.credential() == null ? null : credentials.resolve(spec.credential());
        return models.complete(new ModelBackend.ModelRequest(s.agent(), spec, body, s.claims(), credential));
    }

    @Override
    public Verdict result(String agent, String name, byte[] result) {
        return pipeline.modelResult(agent, name, result);
    }
}
