package dev.airlock.desktop.events;

import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class NewestRowsTest {

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    @Test
    void keepsTheNewestInOrderAndSaysHowManyItLetGo() {
        NewestRows<Integer> rows = new NewestRows<>(5);
        assertThat(rows.append(range(0, 3))).isZero();
        assertThat(rows).containsExactly(0, 1, 2);
        assertThat(rows.append(range(3, 7))).isEqualTo(2);
        assertThat(rows).containsExactly(2, 3, 4, 5, 6);
        // A batch larger than the whole window keeps only its own newest.
        assertThat(rows.append(range(7, 20))).isEqualTo(5 + 8);
        assertThat(rows).containsExactly(15, 16, 17, 18, 19);
        rows.removeAll();
        assertThat(rows).isEmpty();
        assertThat(rows.append(range(0, 2))).isZero();
        assertThat(rows).containsExactly(0, 1);
    }

    @Test
    void listenersAndAFilteredViewSeeOneRemovalOfTheOldestAndOneAdditionAtTheEnd() {
        NewestRows<Integer> rows = new NewestRows<>(4);
        FilteredList<Integer> even = new FilteredList<>(rows, n -> n % 2 == 0);
        List<String> changes = new ArrayList<>();
        rows.addListener((ListChangeListener<Integer>) c -> {
            while (c.next()) {
                changes.add((c.wasRemoved() ? "-" + c.getRemoved() + "@" + c.getFrom() : "")
                        + (c.wasAdded() ? "+" + c.getAddedSubList() + "@" + c.getFrom() : ""));
            }
        });
        rows.append(range(0, 4));
        rows.append(range(4, 7));

        assertThat(changes).containsExactly("+[0, 1, 2, 3]@0", "-[0, 1, 2]@0", "+[4, 5, 6]@1");
        assertThat(even).containsExactly(4, 6);
    }
}
