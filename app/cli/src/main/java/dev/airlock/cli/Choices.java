package dev.airlock.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum options as users write them (lower case), with the choices in the error: {@code --theme dark}. */
final class Choices<E extends Enum<E>> implements ITypeConverter<E> {

    private final Class<E> type;

    private Choices(Class<E> type) {
        this.type = type;
    }

    static <E extends Enum<E>> Choices<E> of(Class<E> type) {
        return new Choices<>(type);
    }

    @Override
    public E convert(String text) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text.trim())) {
                return value;
            }
        }
        throw new TypeConversionException("'" + text + "' is not one of " + Arrays.stream(type.getEnumConstants())
                .map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
