package dev.grok2api.core.video;

/** Receives a video generation's progress on the generating thread; if it throws, generation stops. */
@FunctionalInterface
public interface VideoProgressListener {
    /** Progress changed; 0..100. */
    void onProgress(int percent);
}
