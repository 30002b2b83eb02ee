package dev.grok2api.core.image;

/**
 * Receives a streamed image generation. Calls are never concurrent (the service serialises them) and come from the
 * threads of the upstream calls. If a method throws, generation stops and the exception propagates.
 */
public interface ImageStreamListener {
    /**
     * An image made progress.
     *
     * @param index the image's position in the response, 0-based
     * @param percent 0..100
     */
    void onProgress(int index, int percent);

    /** An image is ready. */
    void onImage(GeneratedImage image);
}
