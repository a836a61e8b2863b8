package dev.airlock.desktop.view;

import dev.airlock.desktop.model.ElementKind;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Map;
import java.util.function.Consumer;

/** The element palette: click to add at a free spot in view, or drag onto the canvas. */
public final class PaletteView extends VBox {

    private static final Map<ElementKind, String> HELP = Map.of(
            ElementKind.AGENT, "An agent in its own sandboxed container (Ctrl+1)",
            ElementKind.TOOL, "A gate-side tool: http.fetch, files or sql (Ctrl+2)",
            ElementKind.MCP, "An MCP server in a hardened container of its own (Ctrl+3)",
            ElementKind.MODEL, "A model endpoint reached only through the gate (Ctrl+4)",
            ElementKind.USER, "The one human the topology acts for (selects it)");

    public PaletteView(Consumer<ElementKind> add) {
        getStyleClass().add("palette");
        setId("palette");
        Label title = new Label("Palette");
        title.getStyleClass().add("panel-title");
        getChildren().add(title);
        for (ElementKind kind : new ElementKind[]{ElementKind.AGENT, ElementKind.TOOL, ElementKind.MCP,
                ElementKind.MODEL, ElementKind.USER}) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("swatch", "node-" + kind.name().toLowerCase());
            Button b = new Button(kind.label(), swatch);
            b.setId("palette-" + kind.name().toLowerCase());
            b.getStyleClass().add("palette-item");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setFocusTraversable(false);
            b.setTooltip(new Tooltip(HELP.get(kind)));
            b.setOnAction(e -> add.accept(kind));
            if (kind != ElementKind.USER) {
                b.setOnDragDetected(e -> {
                    ClipboardContent content = new ClipboardContent();
                    content.putString(CanvasView.dragPayload(kind));
                    b.startDragAndDrop(TransferMode.COPY).setContent(content);
                    e.consume();
                });
            }
            getChildren().add(b);
        }
    }
}
