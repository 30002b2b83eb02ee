package dev.grok2api.core.upstream;

import java.util.Objects;

/**
 * A media post to create before generating a video ({@code POST /rest/media/post/create}).
 *
 * @param mediaType {@code MEDIA_POST_TYPE_VIDEO} (text to video) or {@code MEDIA_POST_TYPE_IMAGE} (image to video)
 * @param prompt the prompt for a text-to-video post, or null
 * @param mediaUrl the absolute URL of the uploaded source image for an image-to-video post, or null
 */
public record MediaPostRequest(String mediaType, String prompt, String mediaUrl) {
    public MediaPostRequest {
        Objects.requireNonNull(mediaType, "mediaType");
    }

    /** A text-to-video post. */
    public static MediaPostRequest video(String prompt) {
        return new MediaPostRequest("MEDIA_POST_TYPE_VIDEO", Objects.requireNonNull(prompt, "prompt"), null);
    }

    /** An image-to-video post for an uploaded image. */
    public static MediaPostRequest image(String mediaUrl) {
        return new MediaPostRequest("MEDIA_POST_TYPE_IMAGE", null, Objects.requireNonNull(mediaUrl, "mediaUrl"));
    }
}
