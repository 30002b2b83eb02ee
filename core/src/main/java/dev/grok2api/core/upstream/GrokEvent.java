package dev.grok2api.core.upstream;

import java.util.List;
import java.util.Objects;

/**
 * One meaningful event of Grok's answer stream, already decoded from the wire. Frames that carry nothing the
 * gateway uses are not turned into events.
 */
public sealed interface GrokEvent {

    /**
     * A piece of text.
     *
     * @param text the text, never null (may be empty)
     * @param thinking whether it belongs to the model's reasoning rather than its answer
     * @param messageTag Grok's {@code messageTag} ({@code final}, {@code header}, {@code analysis}, …), or null
     * @param responseId the id of the response it belongs to, or null
     */
    record Token(String text, boolean thinking, String messageTag, String responseId) implements GrokEvent {
        public Token {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Grok named the model build that answers ({@code llmInfo.modelHash}). */
    record ModelHash(String hash) implements GrokEvent {
        public ModelHash {
            Objects.requireNonNull(hash, "hash");
        }
    }

    /**
     * The final response ({@code modelResponse}): the full text and generated media.
     *
     * @param responseId Grok's response id, or null
     * @param message the whole answer text, never null
     * @param generatedImageUrls asset paths of generated images, relative to the assets host, never null
     * @param modelHash Grok's model hash, or null
     * @param error Grok's error text for this response, or null
     */
    record FinalResponse(
            String responseId, String message, List<String> generatedImageUrls, String modelHash, String error)
            implements GrokEvent {
        public FinalResponse {
            Objects.requireNonNull(message, "message");
            generatedImageUrls = List.copyOf(generatedImageUrls);
        }
    }

    /**
     * An error reported inside an HTTP 200 stream (a top-level {@code {"error":…}} line).
     *
     * @param code Grok's numeric (gRPC-style) code, or 0
     * @param message Grok's message, never null
     */
    record StreamError(int code, String message) implements GrokEvent {
        public StreamError {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The model used a tool (a tool usage card), e.g. a web search.
     *
     * @param tool Grok's tool name, e.g. {@code web_search}, {@code x_search}, {@code browse_page}, never null
     * @param argument the main argument (query, URL, code), or empty
     */
    record ToolUsage(String tool, String argument) implements GrokEvent {
        public ToolUsage {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(argument, "argument");
        }
    }

    /** Results of a search the model ran ({@code webSearchResults}, {@code xSearchResults}). */
    record SearchResults(List<WebSource> sources) implements GrokEvent {
        public SearchResults {
            sources = List.copyOf(sources);
        }
    }

    /**
     * A card that later answer text refers to with a {@code <grok:render card_id="…">} tag ({@code cardAttachment}).
     *
     * @param id the card id, never null
     * @param type e.g. {@code render_inline_citation}, {@code render_searched_image}, never null
     * @param url the cited or linked URL, or null
     * @param title a title, or null
     * @param imageUrl a thumbnail or image URL, or null
     */
    record Card(String id, String type, String url, String title, String imageUrl) implements GrokEvent {
        public Card {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * Progress of an image being generated.
     *
     * @param index the image's position (0-based)
     * @param progress 0..100
     * @param assetPath the image's asset path as of this frame ({@code imageUrl}; a preview path before the final
     *     frame), or null
     * @param moderated whether Grok withheld this image
     */
    record ImageProgress(int index, int progress, String assetPath, boolean moderated) implements GrokEvent {
        /** Progress without a path, not moderated. */
        public ImageProgress(int index, int progress) {
            this(index, progress, null, false);
        }
    }

    /**
     * A finished generated image, delivered before the final response (newer {@code image_chunk} cards). Images of
     * the final response are in {@link FinalResponse#generatedImageUrls()}.
     *
     * @param assetPath path relative to the assets host, never null
     */
    record GeneratedImage(String assetPath) implements GrokEvent {
        public GeneratedImage {
            Objects.requireNonNull(assetPath, "assetPath");
        }
    }

    /**
     * Progress of a video being generated; the last event carries the result.
     *
     * @param progress 0..100
     * @param videoUrl asset path of the finished video, or null
     * @param thumbnailUrl asset path of its poster image, or null
     * @param moderated whether Grok withheld the result
     * @param videoId Grok's id of the video being generated ({@code videoId}), or null
     */
    record VideoProgress(int progress, String videoUrl, String thumbnailUrl, boolean moderated, String videoId)
            implements GrokEvent {
        /** Progress of a video whose id is unknown. */
        public VideoProgress(int progress, String videoUrl, String thumbnailUrl, boolean moderated) {
            this(progress, videoUrl, thumbnailUrl, moderated, null);
        }
    }
}
