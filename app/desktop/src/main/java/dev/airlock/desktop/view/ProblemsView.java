package dev.airlock.desktop.view;

import dev.airlock.core.problem.Problem;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/** One line per problem, worst first as the validator orders them; double-click jumps to the element. */
public final class ProblemsView extends VBox {

    private final ListView<Problem> list;
    private final Label title = new Label();

    public ProblemsView(javafx.collections.ObservableList<Problem> problems, Consumer<String> jump) {
        getStyleClass().add("problems");
        title.getStyleClass().add("panel-title");
        list = new ListView<>(problems);
        list.setId("problems");
        list.setPlaceholder(new Label("No problems: the topology is valid."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().removeAll("problem-error", "problem-risk");
                if (empty || p == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                getStyleClass().add(p.isError() ? "problem-error" : "problem-risk");
                setWrapText(true);
                setPrefWidth(0);
                setText((p.isError() ? "ERROR  " : "RISK  ") + (p.element().isEmpty() ? "" : p.element() + "  —  ")
                        + p.message());
                setTooltip(new Tooltip(p.format()));
            }
        });
        list.setOnMouseClicked(e -> {
            Problem p = list.getSelectionModel().getSelectedItem();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && p != null && !p.element().isEmpty()) {
                jump.accept(p.element());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(title, list);
        problems.addListener((ListChangeListener<Problem>) c -> updateTitle(problems));
        updateTitle(problems);
    }

    private void updateTitle(java.util.List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        long risks = problems.size() - errors;
        title.setText("Problems   " + errors + (errors == 1 ? " error" : " errors") + ", "
                + risks + (risks == 1 ? " risk" : " risks"));
    }

    public ListView<Problem> list() {
        return list;
    }
}
