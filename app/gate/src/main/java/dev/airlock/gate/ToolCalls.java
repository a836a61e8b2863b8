package dev.airlock.gate;

import dev.airlock.core.tool.ToolException;
import dev.airlock.core.topology.ToolSpec;

/** Calling a tool: in scope, approved when the tool requires it, arguments and result guarded. */
final class ToolCalls implements CallPath.Callee {

    private final Pipeline pipeline;
    private final Approvals approvals;
    private final PluginBridge plugins;

    ToolCalls(Pipeline pipeline, Approvals approvals, PluginBridge plugins) {
        this.pipeline = pipeline;
        this.approvals = approvals;
        this.plugins = plugins;
    }

    @Override
    public String key() {
        return "tool";
    }

    @Override
    public String resultFrame() {
        return "tool.result";
    }

    @Override
    public boolean isModel() {
        return false;
    }

    @Override
    public Verdict request(Session s, String name, byte[] body) {
        return approvals.resolve(s.agent(), name, "tool.call", pipeline.toolCall(s.agent(), name, body));
    }

    @Override
    public byte[] call(Session s, String name, byte[] body) throws ToolException {
        ToolSpec spec = pipeline.toolInScope(s.agent(), name).orElseThrow();
        return plugins.callTool(s.agent(), spec, name, body);
    }

    @Override
    public Verdict result(String agent, String name, byte[] result) {
        return pipeline.toolResult(agent, name, result);
    }
}
