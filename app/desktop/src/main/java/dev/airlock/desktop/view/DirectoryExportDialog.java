package dev.airlock.desktop.view;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.export.Exporter;
import dev.airlock.desktop.model.DirectoryExports;
import dev.airlock.desktop.model.EditorModel;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Asks where to write a directory export and with which options, writes it through the exporter plugin and shows
 * the report (files, risks allowed, what only the gate enforces) or the one-line refusal. Stays open after an
 * export so the report can be read.
 */
final class DirectoryExportDialog {

    static final ButtonType EXPORT = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);

    private DirectoryExportDialog() {
    }

    static Dialog<Void> create(Window owner, EditorModel model, Exporter exporter) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Export to " + DirectoryExports.label(exporter).replace("…", ""));
        dialog.setHeaderText(exporter.description());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        TextField dir = new TextField(defaultDirectory(model, exporter).toString());
        dir.setId("export-dir");
        dir.setPrefColumnCount(40);
        Button choose = new Button("Choose…");
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Directory to export to (new or empty)");
            Path parent = Path.of(dir.getText()).toAbsolutePath().getParent();
            if (parent != null && parent.toFile().isDirectory()) {
                chooser.setInitialDirectory(parent.toFile());
            }
            File chosen = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
            if (chosen != null) {
                dir.setText(chosen.getPath());
            }
        });
        HBox dirRow = new HBox(6, dir, choose);
        HBox.setHgrow(dir, Priority.ALWAYS);
        grid.addRow(0, new Label("Directory"), dirRow);
        Map<String, Supplier<String>> values = new LinkedHashMap<>();
        int row = 1;
        for (DirectoryExports.Option o : DirectoryExports.options(exporter)) {
            if (o.isFlag()) {
                CheckBox box = new CheckBox(o.label());
                box.setId("export-option-" + o.name());
                values.put(o.name(), () -> Boolean.toString(box.isSelected()));
                grid.add(box, 1, row++);
            } else {
                ChoiceBox<String> choice = new ChoiceBox<>();
                choice.getItems().addAll(o.choices());
                choice.setValue(o.choices().getFirst());
                choice.setConverter(new StringConverter<>() {
                    @Override
                    public String toString(String value) {
                        return value == null || value.isEmpty() ? "(none)" : value;
                    }

                    @Override
                    public String fromString(String text) {
                        return text.equals("(none)") ? "" : text;
                    }
                });
                choice.setId("export-option-" + o.name());
                values.put(o.name(), choice::getValue);
                grid.addRow(row++, new Label(o.label()), choice);
            }
        }
        Label error = new Label();
        error.setId("export-error");
        error.getStyleClass().add("export-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #b3261e;");
        error.setMaxWidth(720);
        // Takes room only when there is something to say.
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        TextArea report = new TextArea();
        report.setId("export-report");
        report.setEditable(false);
        report.setPrefRowCount(16);
        report.setWrapText(true);
        report.setPromptText("The report appears here once written.");
        grid.add(error, 0, row++, 2, 1);
        grid.add(report, 0, row, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(EXPORT, ButtonType.CLOSE);
        Button export = (Button) dialog.getDialogPane().lookupButton(EXPORT);
        export.setId("export-run");
        export.addEventFilter(ActionEvent.ACTION, e -> {
            // Stay open: the report is read here, and a refusal can be fixed without starting over.
            e.consume();
            error.setText("");
            int errors = model.errorsNow().size();
            if (errors > 0) {
                error.setText("Fix the " + errors + (errors == 1 ? " error" : " errors") + " before exporting.");
                return;
            }
            if (dir.getText().isBlank()) {
                error.setText("Choose a directory to export to.");
                return;
            }
            Path out = Path.of(dir.getText().trim());
            Map<String, String> chosen = new LinkedHashMap<>();
            values.forEach((k, v) -> chosen.put(k, v.get()));
            try {
                report.setText(String.join("\n", DirectoryExports.write(exporter, model.topology(), chosen, out)));
                model.statusProperty().set("Wrote the " + exporter.id() + " export to " + out);
            } catch (ExportException ex) {
                error.setText(ex.getMessage());
            } catch (IOException ex) {
                error.setText("Cannot write " + out + ": " + why(ex));
            }
        });
        return dialog;
    }

    /** Next to the topology's file, or in the working directory for a drawing never saved. */
    private static Path defaultDirectory(EditorModel model, Exporter exporter) {
        String name = model.topology().name() + "-" + exporter.id();
        return model.file().map(Path::toAbsolutePath).map(Path::getParent).map(p -> p.resolve(name))
                .orElse(Path.of(name).toAbsolutePath());
    }

    private static String why(IOException e) {
        if (e instanceof FileAlreadyExistsException f && f.getReason() != null) {
            return f.getReason() + "; choose a new or empty directory";
        }
        if (e instanceof NoSuchFileException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }
}
