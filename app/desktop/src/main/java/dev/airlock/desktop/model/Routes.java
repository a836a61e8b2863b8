package dev.airlock.desktop.model;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.Scope;
import dev.airlock.core.topology.Topology;

import java.util.Optional;

/**
 * Where on the canvas a frame travelled: the pipe between two parties, or the scope edge from an agent to the tool
 * or model it called. A frame the drawing has no edge for (a call outside the agent's scope, a pipe that was
 * removed) lands on its sender's node, so it is still marked somewhere.
 */
public final class Routes {

    private Routes() {
    }

    /** The canvas key of the edge {@code frame} from {@code agent} to {@code target} used, else of the sender. */
    public static String canvasKey(Topology t, String agent, String frame, String target) {
        return edge(t, agent, frame, target).orElseGet(() -> node(t, agent));
    }

    private static Optional<String> edge(Topology t, String agent, String frame, String target) {
        if (frame.equals("send")) {
            return t.pipes().stream().filter(p -> p.connects(agent, target)).findFirst().map(Keys::pipe);
        }
        Optional<AgentSpec> sender = t.agents().stream().filter(a -> a.id().equals(agent)).findFirst();
        if (sender.isEmpty()) {
            return Optional.empty();
        }
        if (frame.startsWith("model.")) {
            return sender.get().models().stream().filter(target::equals).findFirst()
                    .map(m -> Keys.scope(agent, m));
        }
        if (frame.startsWith("tool.")) {
            // An MCP call names tool/operation; the drawing may scope the whole tool or that one operation.
            String tool = target.contains("/") ? target.substring(0, target.indexOf('/')) : target;
            return sender.get().tools().stream().filter(target::equals).findFirst()
                    .or(() -> sender.get().tools().stream().filter(e -> Scope.tryParse(e)
                            .map(s -> s.toolId().equals(tool)).orElse(false)).findFirst())
                    .map(e -> Keys.scope(agent, e));
        }
        return Optional.empty();
    }

    private static String node(Topology t, String agent) {
        if (t.user().id().equals(agent)) {
            return ElementKind.USER.key(agent);
        }
        return t.agents().stream().anyMatch(a -> a.id().equals(agent)) ? ElementKind.AGENT.key(agent) : "";
    }
}
