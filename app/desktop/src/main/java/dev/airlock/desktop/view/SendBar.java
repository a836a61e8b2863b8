package dev.airlock.desktop.view;

import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.live.LiveRun;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Under the canvas while a run is up: the user types a message to an agent a user pipe reaches, picks one of the
 * kinds that pipe lets the user send, and sends it into the running topology through the gate like any message.
 * The gate's verdict shows beside the bar; what the agents answer shows in the events and on the graph.
 */
final class SendBar extends HBox {

    private final LiveRun run;
    private final FxBridge bridge;
    private final Label from = new Label();
    private final ComboBox<String> to = new ComboBox<>();
    private final ComboBox<String> kind = new ComboBox<>();
    private final TextField text = new TextField();
    private final Button send = new Button("Send");
    private final Label verdict = new Label();
    /** Per agent the user can reach, the kinds the pipe lets the user send it. */
    private Map<String, List<String>> reach = Map.of();

    SendBar(LiveRun run, FxBridge bridge, ObservableValue<LiveRun.Phase> phase) {
        this.run = run;
        this.bridge = bridge;
        getStyleClass().add("send-bar");
        setId("send-bar");
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        to.setId("send-to");
        kind.setId("send-kind");
        // A pipe that allows any kind ('*') lets the user name one.
        kind.setEditable(true);
        kind.setPrefWidth(130);
        text.setId("send-text");
        text.setPromptText("Message to the agent…");
        HBox.setHgrow(text, Priority.ALWAYS);
        send.setId("send-button");
        verdict.setId("send-verdict");
        verdict.getStyleClass().add("send-verdict");
        verdict.setMinWidth(0);
        to.valueProperty().addListener((o, was, now) -> kinds(now));
        text.setOnAction(e -> send());
        send.setOnAction(e -> send());
        getChildren().addAll(from, to, new Label("as"), kind, text, send, verdict);

        // Visible for the whole run; usable once the agents are up.
        visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> phase.getValue() != LiveRun.Phase.IDLE, phase));
        managedProperty().bind(visibleProperty());
        var notRunning = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> phase.getValue() != LiveRun.Phase.RUNNING, phase);
        send.disableProperty().bind(notRunning.or(text.textProperty().isEmpty()).or(to.valueProperty().isNull()));
        text.disableProperty().bind(notRunning);
    }

    /** A run of {@code topology} begins: the agents its user pipes reach become the choices. */
    void begin(Topology topology) {
        String user = topology.user().id();
        reach = reachable(topology);
        from.setText(user + " →");
        to.getItems().setAll(reach.keySet());
        to.setValue(reach.isEmpty() ? null : reach.keySet().iterator().next());
        verdict.setText(reach.isEmpty() ? "No pipe from " + user + " to any agent" : "");
        verdict.pseudoClassStateChanged(NodeView.ERROR, false);
    }

    /** The agents a message from the user can reach, each with the kinds its pipe allows in that direction. */
    static Map<String, List<String>> reachable(Topology topology) {
        String user = topology.user().id();
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        for (PipeSpec p : topology.pipes()) {
            String agent = p.from().equals(user) ? p.to()
                    : p.to().equals(user) && p.direction() == PipeSpec.Direction.BOTH ? p.from() : null;
            if (agent != null && topology.agents().stream().anyMatch(a -> a.id().equals(agent))) {
                kinds.computeIfAbsent(agent, k -> new LinkedHashSet<>()).addAll(p.kinds());
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        kinds.forEach((agent, k) -> out.put(agent, List.copyOf(k)));
        return out;
    }

    private void kinds(String agent) {
        List<String> allowed = agent == null ? List.of() : reach.getOrDefault(agent, List.of());
        List<String> named = allowed.stream().filter(k -> !k.equals(PipeSpec.ANY_KIND)).toList();
        kind.getItems().setAll(named.isEmpty() ? PipeSpec.DEFAULT_KINDS : named);
        kind.setValue(named.contains("message") || named.isEmpty() ? "message" : named.get(0));
    }

    /** Sends what is typed; the gate decides off the FX thread, its verdict comes back through the bridge. */
    void send() {
        String agent = to.getValue();
        String message = text.getText();
        String k = kind.getEditor().getText().isBlank() ? kind.getValue() : kind.getEditor().getText().strip();
        if (agent == null || message.isEmpty() || send.isDisabled()) {
            return;
        }
        verdict.setText("Sending to " + agent + "…");
        verdict.pseudoClassStateChanged(NodeView.ERROR, false);
        text.clear();
        run.send(agent, k, message).whenComplete((refusal, error) -> bridge.post(() -> {
            boolean refused = error != null || !refusal.isEmpty();
            verdict.pseudoClassStateChanged(NodeView.ERROR, refused);
            verdict.setText(error != null ? "Not sent: " + LiveRun.reason(error)
                    : refused ? "Refused by the gate: " + refusal
                    : "Passed the gate to " + agent + " (" + k + "); answers show in the events");
        }));
    }

    /** For tests: the gate's verdict on the last send, as shown. */
    String verdict() {
        return verdict.getText();
    }
}
