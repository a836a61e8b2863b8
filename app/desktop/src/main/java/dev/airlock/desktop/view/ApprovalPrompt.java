package dev.airlock.desktop.view;

import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.run.RunSpec;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the person at the workbench about a held call: a dialog naming the agent, the tool and its arguments (as
 * the gate would deliver them, so masked where a guardrail masks), with approve once, always for this run, or deny.
 * The gate's thread waits for the answer and nothing else; the FX thread never waits: the dialog is not modal to
 * the event loop, and a timeout denies and closes it.
 */
final class ApprovalPrompt implements RunSpec.Approver {

    static final ButtonType ONCE = new ButtonType("Approve once", ButtonBar.ButtonData.YES);
    static final ButtonType ALWAYS = new ButtonType("Always for this run", ButtonBar.ButtonData.OTHER);
    static final ButtonType DENY = new ButtonType("Deny", ButtonBar.ButtonData.NO);

    private final FxBridge bridge;
    private final Window owner;
    private final Duration timeout;
    private final Set<String> always = ConcurrentHashMap.newKeySet();

    ApprovalPrompt(FxBridge bridge, Window owner, Duration timeout) {
        this.bridge = bridge;
        this.owner = owner;
        this.timeout = timeout;
    }

    @Override
    public boolean approve(RunSpec.ApprovalRequest request) throws Exception {
        String key = request.agent() + ">" + request.target();
        if (always.contains(key)) {
            return true;
        }
        CompletableFuture<ButtonType> answer = new CompletableFuture<>();
        bridge.post(() -> show(request, answer));
        ButtonType chosen;
        try {
            chosen = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.complete(DENY);
            chosen = DENY;
        }
        if (chosen == ALWAYS) {
            always.add(key);
        }
        return chosen == ONCE || chosen == ALWAYS;
    }

    private void show(RunSpec.ApprovalRequest r, CompletableFuture<ButtonType> answer) {
        if (answer.isDone()) {
            return;
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setTitle("Approval needed");
        dialog.setHeaderText(r.agent() + " wants to call " + r.target());
        dialog.getDialogPane().setId("approval-dialog");
        dialog.getDialogPane().getButtonTypes().setAll(ONCE, ALWAYS, DENY);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        TextArea arguments = new TextArea(r.preview());
        arguments.setId("approval-arguments");
        arguments.setEditable(false);
        arguments.setWrapText(true);
        arguments.setPrefRowCount(4);
        arguments.setPrefColumnCount(46);
        Label countdown = new Label();
        countdown.setId("approval-countdown");
        grid.addRow(0, bold("Agent"), new Label(r.agent()));
        grid.addRow(1, bold(r.kind().equals("tool.call") ? "Tool" : "To"), new Label(r.target()));
        grid.addRow(2, bold("Arguments"), arguments);
        grid.addRow(3, bold("Why"), new Label(r.rule() + ": " + r.reason()));
        grid.add(countdown, 1, 4);
        dialog.getDialogPane().setContent(grid);
        long deadline = System.nanoTime() + timeout.toNanos();
        Timeline tick = new Timeline(new KeyFrame(javafx.util.Duration.millis(250), e -> {
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L);
            countdown.setText("Denied automatically in " + left + " s");
        }));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
        countdown.setText("Denied automatically in " + timeout.toSeconds() + " s");
        dialog.setOnHidden(e -> {
            tick.stop();
            answer.complete(dialog.getResult() == null ? DENY : dialog.getResult());
        });
        // Timed out (or the run stopped) on the gate's side: the dialog goes too.
        answer.whenComplete((b, t) -> bridge.post(() -> {
            if (dialog.isShowing()) {
                dialog.close();
            }
        }));
        dialog.show();
    }

    private static Label bold(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("property-name");
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }
}
