package dev.airlock.core.event;

/** Where producers (gate, sandbox) publish events; must never block the producer. */
@FunctionalInterface
public interface EventSink {

    EventSink NONE = event -> { };

    void publish(AirlockEvent event);
}
