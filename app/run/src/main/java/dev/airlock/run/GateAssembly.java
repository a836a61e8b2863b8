package dev.airlock.run;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.tool.ServerLauncher;
import dev.airlock.gate.ApprovalHandler;
import dev.airlock.gate.Gate;
import dev.airlock.gate.GateOptions;
import dev.airlock.gate.token.TcpAuthenticator;
import dev.airlock.run.plugins.PluginModels;
import dev.airlock.run.plugins.PluginTools;

import java.nio.file.Path;

/**
 * A gate as {@code airlock run} and {@code airlock gate} both open it: the topology's policy, the installed tool and
 * model plugins, the spec's approvals and capture. One place, so a headless gate decides exactly as a run does.
 */
final class GateAssembly implements AutoCloseable {

    private final PluginTools tools;
    private final PluginModels models;
    private final Gate gate;

    private GateAssembly(PluginTools tools, PluginModels models, Gate gate) {
        this.tools = tools;
        this.models = models;
        this.gate = gate;
    }

    /**
     * @param workspace where tools keep their copies of what they read (owned by the caller)
     * @param servers   starts MCP tool servers (owned by the caller)
     * @param tcp       who a TCP hello is; null for the gate's own launch tokens
     */
    static GateAssembly open(RunSpec spec, Path workspace, ServerLauncher servers, EventSink events,
                             TcpAuthenticator tcp) {
        PluginTools tools = new PluginTools(spec.baseDir(), workspace, servers);
        PluginModels models = new PluginModels(spec.baseDir());
        GateOptions.Builder options = GateOptions.builder().events(events).tools(tools).models(models)
                .approvals(approvals(spec)).tcpAuthenticator(tcp);
        if (spec.capture() != null) {
            options.capture(spec.capture());
        }
        try {
            return new GateAssembly(tools, models, Gate.start(spec.topology(), options.build()));
        } catch (RuntimeException e) {
            models.close();
            tools.close();
            throw e;
        }
    }

    /** The human's approver when the spec names one, else the fixed answer of {@link RunSpec#approvals()}. */
    private static ApprovalHandler approvals(RunSpec spec) {
        RunSpec.Approver approver = spec.approver();
        if (approver != null) {
            return r -> approver.approve(new RunSpec.ApprovalRequest(r.agent(), r.target(), r.kind(), r.rule(),
                    r.reason(), r.preview()));
        }
        return spec.approvals() == RunSpec.Approvals.ALLOW ? ApprovalHandler.APPROVE_ALL : ApprovalHandler.DENY_ALL;
    }

    Gate gate() {
        return gate;
    }

    /** Closes the gate (audit and capture flushed) and then the plugins it used. */
    @Override
    public void close() {
        gate.close();
        models.close();
        tools.close();
    }
}
