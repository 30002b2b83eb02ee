package dev.grok2api.core.service;

import dev.grok2api.core.chat.ChatDelta;
import dev.grok2api.core.chat.ThinkingFormat;
import dev.grok2api.core.chat.UrlCitation;
import dev.grok2api.core.error.AntiBotRejectedException;
import dev.grok2api.core.error.ContentModeratedException;
import dev.grok2api.core.error.UpstreamRateLimitedException;
import dev.grok2api.core.error.UpstreamStreamException;
import dev.grok2api.core.upstream.GrokEvent;
import dev.grok2api.core.upstream.WebSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one attempt's {@link GrokEvent}s into chat deltas: answer text with citation cards rendered as markdown
 * links, reasoning (thinking tokens, tool calls as one readable line, search results as source links, image and
 * video progress) in the configured format, generated media as links, the fingerprint, the citations, and honest
 * errors. One instance per upstream attempt; not thread-safe.
 */
final class AnswerTranslator {
    private static final String RENDER_OPEN = "<grok:render";
    private static final String RENDER_CLOSE = "</grok:render>";
    private static final Pattern RENDER_TAG =
            Pattern.compile("<grok:render\\b([^>]*)>(.*?)</grok:render>", Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** Renders generated media; implementations never throw (they render a failure note instead). */
    interface Media {
        /** Markdown for a generated image, e.g. {@code ![id](url)}. */
        String image(String assetPath);

        /** HTML or markdown for a generated video and its poster (which may be null). */
        String video(String videoPath, String posterPath);
    }

    private final boolean showThinking;
    private final ThinkingFormat format;
    private final List<String> filterTags;
    private final Media media;
    private final BiConsumer<String, ChatDelta> out;

    private String responseId;
    private String fingerprint = "";
    private boolean thinkTagOpen;
    private boolean answerStarted;
    private boolean mediaDelivered;
    private boolean finalSeen;
    private int contentLength;
    private char lastContentChar = '\n';
    private final StringBuilder answer = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final StringBuilder pendingAnswer = new StringBuilder();
    private final Map<String, GrokEvent.Card> cards = new HashMap<>();
    private final Map<String, Integer> citationNumbers = new HashMap<>();
    private final List<UrlCitation> inlineCitations = new ArrayList<>();
    private final Map<String, WebSource> sources = new LinkedHashMap<>();
    private final Set<String> deliveredImages = new HashSet<>();
    /** Images announced before the final response; shown after the text that introduces them. */
    private final List<String> earlyImages = new ArrayList<>();

    private final Map<Integer, Integer> imageProgress = new HashMap<>();
    private int videoProgress = -1;
    private String lastCitationUrl;
    private int lastCitationEnd = -1;

    /**
     * @param showThinking whether reasoning reaches the client at all
     * @param format how reasoning reaches the client when shown
     * @param filterTags leftover tokens containing any of these substrings are dropped
     * @param media renders generated images and videos
     * @param out receives Grok's response id so far (or null) and each delta, in order
     */
    AnswerTranslator(
            boolean showThinking,
            ThinkingFormat format,
            List<String> filterTags,
            Media media,
            BiConsumer<String, ChatDelta> out) {
        this.showThinking = showThinking && format != ThinkingFormat.HIDDEN;
        this.format = format;
        this.filterTags = List.copyOf(filterTags);
        this.media = media;
        this.out = out;
    }

    /**
     * Handles one event.
     *
     * @throws dev.grok2api.core.error.Grok2ApiException for in-band errors and moderated answers
     */
    void accept(GrokEvent event) {
        switch (event) {
            case GrokEvent.Token token -> onToken(token);
            case GrokEvent.ModelHash hash -> fingerprint = hash.hash();
            case GrokEvent.FinalResponse response -> onFinal(response);
            case GrokEvent.StreamError error -> throw classify(error.code(), error.message());
            case GrokEvent.ToolUsage tool -> reason("\n" + describe(tool) + "\n");
            case GrokEvent.SearchResults results -> onSearchResults(results);
            case GrokEvent.Card card -> cards.put(card.id(), card);
            case GrokEvent.ImageProgress progress -> onImageProgress(progress);
            case GrokEvent.GeneratedImage image -> earlyImages.add(image.assetPath());
            case GrokEvent.VideoProgress video -> onVideo(video);
        }
    }

    private void onToken(GrokEvent.Token token) {
        if (responseId == null
                && token.responseId() != null
                && !token.responseId().isEmpty()) {
            responseId = token.responseId();
        }
        String text = token.text();
        if (text.isEmpty()) {
            return;
        }
        if (token.thinking()) {
            // Reasoning that arrives after the answer started is a late echo; clients cannot place it.
            if (!filtered(text)) {
                reason("header".equals(token.messageTag()) ? "\n\n" + text.strip() + "\n\n" : text);
            }
            return;
        }
        pendingAnswer.append(text);
        String ready = takeRenderable();
        if (!ready.isEmpty()) {
            answerText(ready);
        }
    }

    /** The part of the pending answer that holds no unfinished {@code grok:render} tag. */
    private String takeRenderable() {
        int open = pendingAnswer.lastIndexOf(RENDER_OPEN);
        int cut = pendingAnswer.length();
        if (open >= 0 && pendingAnswer.indexOf(RENDER_CLOSE, open) < 0) {
            cut = open;
        }
        String ready = pendingAnswer.substring(0, cut);
        pendingAnswer.delete(0, cut);
        return ready;
    }

    private void answerText(String raw) {
        closeThinkTag();
        String text = renderCards(raw);
        if (text.isEmpty() || filtered(text)) {
            return;
        }
        answerStarted = true;
        answer.append(text);
        emitContent(text);
    }

    /** Replaces {@code grok:render} tags: citations become {@code [[n]](url)} links, searched images linked images. */
    private String renderCards(String text) {
        if (!text.contains(RENDER_OPEN)) {
            return text;
        }
        Matcher tag = RENDER_TAG.matcher(text);
        StringBuilder rendered = new StringBuilder();
        int last = 0;
        while (tag.find()) {
            rendered.append(text, last, tag.start());
            last = tag.end();
            Map<String, String> attributes = attributes(tag.group(1));
            GrokEvent.Card card = cards.get(attributes.getOrDefault("card_id", ""));
            String type = card != null ? card.type() : attributes.getOrDefault("type", "");
            if (card == null || card.url() == null) {
                continue;
            }
            switch (type) {
                case "render_inline_citation" -> citation(card, rendered);
                case "render_searched_image" ->
                    rendered.append(
                            card.imageUrl() != null
                                    ? "[![" + title(card) + "](" + card.imageUrl() + ")](" + card.url() + ")"
                                    : "[" + title(card) + "](" + card.url() + ")");
                default -> {
                    // Generated images and files arrive as media of their own; the tag itself carries nothing.
                }
            }
        }
        rendered.append(text, last, text.length());
        // A tag that never closed would leak markup: keep only the text before it.
        int open = rendered.indexOf(RENDER_OPEN);
        return open >= 0 ? rendered.substring(0, open) : rendered.toString();
    }

    private void citation(GrokEvent.Card card, StringBuilder rendered) {
        int startInContent = contentLength + rendered.length();
        if (card.url().equals(lastCitationUrl) && startInContent == lastCitationEnd) {
            return;
        }
        Integer number = citationNumbers.computeIfAbsent(card.url(), url -> citationNumbers.size() + 1);
        String link = "[[" + number + "]](" + card.url() + ")";
        char before = rendered.isEmpty() ? lastContentChar : rendered.charAt(rendered.length() - 1);
        String piece = (Character.isWhitespace(before) ? "" : " ") + link;
        int start = startInContent + piece.length() - link.length();
        rendered.append(piece);
        inlineCitations.add(new UrlCitation(card.url(), title(card), start, start + link.length()));
        lastCitationUrl = card.url();
        lastCitationEnd = start + link.length();
    }

    private String title(GrokEvent.Card card) {
        if (card.title() != null && !card.title().isBlank()) {
            return card.title();
        }
        WebSource source = sources.get(card.url());
        return source != null && !source.title().isBlank() ? source.title() : card.url();
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new HashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(text);
        while (attribute.find()) {
            attributes.put(attribute.group(1), attribute.group(2));
        }
        return attributes;
    }

    private void onSearchResults(GrokEvent.SearchResults results) {
        StringBuilder lines = new StringBuilder();
        for (WebSource source : results.sources()) {
            if (sources.putIfAbsent(source.url(), source) == null) {
                String title =
                        source.title().isBlank() ? source.url() : source.title().replace("]", ")");
                lines.append("- [")
                        .append(title)
                        .append("](")
                        .append(source.url())
                        .append(")\n");
            }
        }
        if (!lines.isEmpty()) {
            reason("\n" + lines);
        }
    }

    private void onImageProgress(GrokEvent.ImageProgress progress) {
        Integer previous = imageProgress.put(progress.index(), progress.progress());
        if (previous == null || previous != progress.progress()) {
            progressLine("Generating image " + (progress.index() + 1) + ": " + progress.progress() + "%\n");
        }
    }

    private void onVideo(GrokEvent.VideoProgress video) {
        if (video.progress() != videoProgress) {
            videoProgress = video.progress();
            progressLine("Generating video: " + video.progress() + "%\n");
        }
        if (video.moderated()) {
            throw new ContentModeratedException("video moderated");
        }
        if (video.videoUrl() != null && !mediaDelivered) {
            closeThinkTag();
            mediaDelivered = true;
            emitContent(separator() + media.video(video.videoUrl(), video.thumbnailUrl()) + "\n");
        }
    }

    private void onFinal(GrokEvent.FinalResponse response) {
        finalSeen = true;
        if (response.modelHash() != null && !response.modelHash().isEmpty()) {
            fingerprint = response.modelHash();
        }
        if (response.responseId() != null && responseId == null) {
            responseId = response.responseId();
        }
        if (response.error() != null && !response.error().isBlank()) {
            throw classify(0, response.error());
        }
        flushPending();
        // Some answers arrive only as the final message (no token frames): still deliver them.
        if (!answerStarted && !response.message().isEmpty()) {
            answerText(response.message());
        }
        deliverEarlyImages();
        for (String image : response.generatedImageUrls()) {
            deliverImage(image);
        }
    }

    private void deliverEarlyImages() {
        for (String image : earlyImages) {
            deliverImage(image);
        }
        earlyImages.clear();
    }

    private void deliverImage(String assetPath) {
        if (!deliveredImages.add(assetPath)) {
            return;
        }
        closeThinkTag();
        mediaDelivered = true;
        emitContent(separator() + media.image(assetPath) + "\n");
    }

    /**
     * The stream ended: flushes held-back text and closes an open think tag.
     *
     * @throws UpstreamStreamException when Grok produced no answer at all, or ended before its final response
     */
    void finish() {
        flushPending();
        deliverEarlyImages();
        if (!answerStarted && !mediaDelivered) {
            throw UpstreamStreamException.empty();
        }
        if (!finalSeen && !mediaDelivered) {
            throw UpstreamStreamException.truncated("no modelResponse before the end of the stream");
        }
        closeThinkTag();
    }

    private void flushPending() {
        if (!pendingAnswer.isEmpty()) {
            String rest = pendingAnswer.toString();
            pendingAnswer.setLength(0);
            answerText(rest);
        }
    }

    /** Reasoning proper: dropped once the answer started (a late echo clients cannot place). */
    private void reason(String text) {
        if (!answerStarted) {
            emitReasoning(text);
        }
    }

    /** Progress lines may follow the answer text (an image model announces, then draws). */
    private void progressLine(String line) {
        if (format != ThinkingFormat.THINK_TAGS || !answerStarted && !mediaDelivered) {
            emitReasoning(line);
        }
    }

    private void emitReasoning(String text) {
        if (!showThinking) {
            return;
        }
        reasoning.append(text);
        if (format == ThinkingFormat.THINK_TAGS) {
            if (!thinkTagOpen) {
                thinkTagOpen = true;
                emitContent("<think>\n");
            }
            emitContent(text);
        } else {
            out.accept(responseId, new ChatDelta.Reasoning(text));
        }
    }

    private String separator() {
        return lastContentChar == '\n' ? "" : "\n";
    }

    private void closeThinkTag() {
        if (thinkTagOpen) {
            thinkTagOpen = false;
            emitContent("\n</think>\n");
        }
    }

    private void emitContent(String text) {
        contentLength += text.length();
        lastContentChar = text.charAt(text.length() - 1);
        out.accept(responseId, new ChatDelta.Content(text));
    }

    private boolean filtered(String text) {
        for (String tag : filterTags) {
            if (!tag.isEmpty() && text.contains(tag)) {
                return true;
            }
        }
        return false;
    }

    /** One readable line for a tool call, e.g. {@code Searching the web: capital of France}. */
    static String describe(GrokEvent.ToolUsage tool) {
        String argument = tool.argument().strip();
        String label = switch (tool.tool().toLowerCase(Locale.ROOT)) {
            case "web_search", "search" -> "Searching the web";
            case "x_search", "x_keyword_search", "x_semantic_search" -> "Searching X";
            case "browse_page", "browse", "open_url" -> "Browsing";
            case "search_images", "image_search" -> "Searching images";
            case "code_execution", "code_interpreter" -> "Running code";
            default -> "Using " + tool.tool();
        };
        return argument.isEmpty() || label.equals("Running code") ? label : label + ": " + argument;
    }

    /** The exception for an error Grok reported inside a stream (moderation, rate limit, anti-bot, other). */
    static RuntimeException classify(int code, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("content moderated") || lower.contains("content-moderated")) {
            return new ContentModeratedException(message);
        }
        if (code == 8
                || lower.contains("too many requests")
                || lower.contains("rate limit")
                || lower.contains("usage limit")
                || lower.contains("usage quota")) {
            return new UpstreamRateLimitedException(200, null, message);
        }
        if (code == 7 || lower.contains("anti-bot")) {
            return new AntiBotRejectedException(200, message);
        }
        return UpstreamStreamException.inBand(message);
    }

    /** Grok's response id, or null if none was seen. */
    String responseId() {
        return responseId;
    }

    /** Grok's model hash, or empty. */
    String fingerprint() {
        return fingerprint;
    }

    /** The answer text so far. */
    String answer() {
        return answer.toString();
    }

    /** The reasoning text so far. */
    String reasoning() {
        return reasoning.toString();
    }

    /** Inline citations with their spans, then consulted sources that were not cited inline. */
    List<UrlCitation> citations() {
        List<UrlCitation> all = new ArrayList<>(inlineCitations);
        Set<String> cited = new HashSet<>();
        inlineCitations.forEach(c -> cited.add(c.url()));
        for (WebSource source : sources.values()) {
            if (cited.add(source.url())) {
                all.add(new UrlCitation(source.url(), source.title(), 0, 0));
            }
        }
        return all;
    }
}
