package dev.airlock.desktop.view;

import dev.airlock.core.export.Exporter;
import dev.airlock.core.guard.GuardDetector;
import dev.airlock.core.model.ModelBackendProvider;
import dev.airlock.core.plugin.Plugins;
import dev.airlock.core.tool.ToolProvider;
import dev.airlock.core.validation.Catalog;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.List;
import java.util.TreeSet;

/**
 * Help → Plugins: what {@code airlock plugins} prints, for the catalog the palette and validation use: the bundled
 * providers, the plugin folder's jars with what each adds, and the refused ones with why.
 */
final class PluginsDialog {

    private PluginsDialog() {
    }

    static Alert create(Window owner, Plugins plugins) {
        VBox content = new VBox(6);
        content.setId("plugins-content");
        content.getChildren().add(title("Bundled"));
        content.getChildren().add(line("  guardrails " + String.join(", ", new TreeSet<>(Catalog.BUILTIN_GUARDRAILS))));
        plugins.bundled(List.of(ModelBackendProvider.class, ToolProvider.class, GuardDetector.class, Exporter.class))
                .forEach(p -> content.getChildren().add(line("  " + p)));
        content.getChildren().add(title("Plugin folder: " + (plugins.folder() == null ? "none" : plugins.folder())));
        if (plugins.loaded().isEmpty() && plugins.refused().isEmpty()) {
            content.getChildren().add(line("  no plugin jars (put them in the folder, or start with --plugins DIR)"));
        }
        plugins.loaded().forEach(l -> content.getChildren().add(
                line("  ✓ " + l.jar().getFileName() + ": " + String.join(", ", l.provides()))));
        plugins.refused().forEach(r -> {
            Label refused = line("  ✕ " + r.jar().getFileName() + " refused: " + r.reason());
            refused.getStyleClass().add("plugin-refused");
            content.getChildren().add(refused);
        });

        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Plugins");
        alert.setHeaderText("Plugin API " + Plugins.API_VERSION);
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setId("plugins-dialog");
        alert.getDialogPane().setMinWidth(560);
        return alert;
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-title");
        return l;
    }

    private static Label line(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
