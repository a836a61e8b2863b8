package dev.airlock.core.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** An enum constant with the spelling the topology file uses. */
public interface Named {

    String text();

    static <E extends Enum<E> & Named> Optional<E> parse(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.text().equals(text)).findFirst();
    }

    static <E extends Enum<E> & Named> List<String> spellings(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Named::text).toList();
    }
}
