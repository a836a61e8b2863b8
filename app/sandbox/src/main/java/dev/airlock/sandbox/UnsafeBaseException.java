package dev.airlock.sandbox;

import java.io.IOException;

/** The run base is not this user's private directory, so Airlock will not put sockets in it. */
final class UnsafeBaseException extends IOException {

    UnsafeBaseException(String message) {
        super(message);
    }
}
