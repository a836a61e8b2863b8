package dev.airlock.desktop.view;

import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;

/** Editors that commit once, on Enter, on leaving the field or on choosing, so one change is one undo step. */
final class PropEditors {

    private static final PseudoClass RISK = PseudoClass.getPseudoClass("risk");

    private PropEditors() {
    }

    static Node create(Prop p) {
        Node editor;
        if (p.choices() != null) {
            ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(p.choices()));
            box.setValue((String) p.value());
            box.setOnAction(e -> {
                if (box.getValue() != null) {
                    p.setValue(box.getValue());
                }
            });
            box.setMaxWidth(Double.MAX_VALUE);
            editor = box;
        } else if (p.value() instanceof Boolean b) {
            CheckBox check = new CheckBox();
            check.setSelected(b);
            check.setOnAction(e -> p.setValue(check.isSelected()));
            editor = check;
        } else {
            TextField field = new TextField((String) p.value());
            field.setOnAction(e -> p.setValue(field.getText()));
            field.focusedProperty().addListener((o, was, is) -> {
                if (!is && !field.getText().equals(p.value())) {
                    p.setValue(field.getText());
                }
            });
            editor = field;
        }
        editor.setId("prop-" + p.id());
        editor.pseudoClassStateChanged(RISK, p.risk());
        return editor;
    }
}
