package dev.grok2api.core.video;

import dev.grok2api.core.error.Grok2ApiException;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of a video generation run in the background (the {@code /v1/videos} job API).
 *
 * @param id the job id, {@code video_<hex>}
 * @param state where it is
 * @param progress 0..100
 * @param request what was asked for
 * @param createdAt when it was submitted
 * @param completedAt when it ended, or null while it runs
 * @param result the video, once {@link State#COMPLETED}; else null
 * @param error why it failed, once {@link State#FAILED}; else null
 */
public record VideoJob(
        String id,
        State state,
        int progress,
        VideoRequest request,
        Instant createdAt,
        Instant completedAt,
        VideoResult result,
        Grok2ApiException error) {
    public VideoJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Where a job is, with OpenAI's names. */
    public enum State {
        QUEUED("queued"),
        IN_PROGRESS("in_progress"),
        COMPLETED("completed"),
        FAILED("failed");

        private final String wireName;

        State(String wireName) {
            this.wireName = wireName;
        }

        /** OpenAI's status value. */
        public String wireName() {
            return wireName;
        }
    }
}
