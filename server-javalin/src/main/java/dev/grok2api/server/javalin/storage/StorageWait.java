package dev.grok2api.server.javalin.storage;

import dev.grok2api.core.error.ServiceUnavailableException;
import dev.grok2api.server.javalin.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a backend that may still be starting (containers come up in any order): retries while it is unavailable,
 * for at most {@code STORAGE_WAIT_TIMEOUT}, then gives up with one clear message naming the masked URL.
 */
final class StorageWait {
    private static final Logger LOG = LoggerFactory.getLogger(StorageWait.class);

    /** Pauses between attempts; a seam so tests run without sleeping. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final InstantSource clock;
    private final Pause pause;
    private final Duration timeout;
    private final Duration interval;

    StorageWait(InstantSource clock, Pause pause, Duration timeout, Duration interval) {
        this.clock = clock;
        this.pause = pause;
        this.timeout = timeout;
        this.interval = interval;
    }

    /** {@code STORAGE_WAIT_TIMEOUT} seconds (default 60) and {@code STORAGE_WAIT_INTERVAL} seconds (default 0.5). */
    static StorageWait fromEnvironment(java.util.Map<String, String> env) {
        return new StorageWait(
                InstantSource.system(),
                duration -> Thread.sleep(duration),
                seconds(env, "STORAGE_WAIT_TIMEOUT", 60),
                seconds(env, "STORAGE_WAIT_INTERVAL", 0.5));
    }

    private static Duration seconds(java.util.Map<String, String> env, String name, double fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return Duration.ofMillis(Math.round(fallback * 1000));
        }
        try {
            double value = Double.parseDouble(raw.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(value * 1000));
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a number of seconds >= 0, got '" + raw + "'");
        }
    }

    /**
     * Calls {@code open} until it succeeds or the timeout has passed.
     *
     * @throws ConfigException when the backend stayed unavailable; the message names {@code target} and the fix
     */
    <T> T open(String target, Supplier<T> open) {
        Instant deadline = clock.instant().plus(timeout);
        Instant nextLog = clock.instant();
        while (true) {
            try {
                return open.get();
            } catch (ServiceUnavailableException e) {
                Instant now = clock.instant();
                if (!now.isBefore(deadline)) {
                    throw new ConfigException("storage " + target + " is not reachable after waiting "
                            + timeout.toSeconds() + " s: " + e.publicMessage()
                            + ". Start it, fix SERVER_STORAGE_URL, or raise STORAGE_WAIT_TIMEOUT.");
                }
                if (!now.isBefore(nextLog)) {
                    LOG.warn("Waiting for storage {}: {}", target, e.publicMessage());
                    nextLog = now.plusSeconds(3);
                }
                try {
                    pause.sleep(interval);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ConfigException("interrupted while waiting for storage " + target);
                }
            }
        }
    }
}
