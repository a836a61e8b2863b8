package dev.airlock.desktop.view;

import dev.airlock.core.export.ExportException;
import dev.airlock.desktop.model.EditorModel;
import dev.airlock.desktop.model.ThreatModelExport;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/** Asks where to write the threat model, writes it, and says what went wrong in one line if anything did. */
final class ThreatModelDialog {

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "json", "OWASP Threat Dragon model (*.json)",
            "md", "Markdown report (*.md)",
            "html", "HTML report (*.html)");

    private ThreatModelDialog() {
    }

    static void show(Window owner, EditorModel model, ThreatModelExport export, Consumer<String> onError) {
        int errors = model.errorsNow().size();
        if (errors > 0) {
            onError.accept("Fix the " + errors + (errors == 1 ? " error" : " errors") + " before exporting a threat model.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export threat model");
        for (String format : export.formats()) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                    DESCRIPTIONS.getOrDefault(format, format), "*." + format));
        }
        chooser.setInitialFileName(model.topology().name() + "-threat-model." + export.formats().getFirst());
        model.file().map(Path::toAbsolutePath).map(Path::getParent).map(Path::toFile).ifPresent(chooser::setInitialDirectory);
        File chosen = chooser.showSaveDialog(owner);
        if (chosen == null) {
            return;
        }
        Path out = chosen.toPath();
        if (!out.getFileName().toString().contains(".") && chooser.getSelectedExtensionFilter() != null) {
            // Some platforms' dialogs do not add the chosen filter's extension; the format follows the extension.
            out = out.resolveSibling(out.getFileName() + chooser.getSelectedExtensionFilter().getExtensions().getFirst()
                    .substring(1));
        }
        try {
            export.write(model.topology(), out);
            model.statusProperty().set("Wrote the threat model to " + out);
        } catch (ExportException e) {
            onError.accept(e.getMessage());
        } catch (IOException e) {
            onError.accept("Cannot write " + out + ": " + e.getMessage());
        }
    }
}
