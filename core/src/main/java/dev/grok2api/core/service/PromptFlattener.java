package dev.grok2api.core.service;

import dev.grok2api.core.chat.ChatMessage;
import dev.grok2api.core.chat.ContentPart;
import dev.grok2api.core.chat.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Flattens an OpenAI-style conversation into the one {@code message} string Grok's web API takes, the way the
 * reference does: each message's non-blank text blocks joined with {@code "\n"}; messages without text dropped (their
 * attachments kept); the last user message with text emitted verbatim and every other one prefixed {@code
 * "<role>: "}; all joined with {@code "\n\n"}.
 *
 * <p>Example: system "Be brief", user "Hi", assistant "Hello!", user "What is 2+2?" becomes {@code "system: Be
 * brief\n\nuser: Hi\n\nassistant: Hello!\n\nWhat is 2+2?"}.
 */
public final class PromptFlattener {
    private PromptFlattener() {}

    /**
     * A key that identifies a conversation across its turns: a hash of every message up to and including the first
     * user message (system prompt and opening question), which later turns repeat unchanged. Used for sticky account
     * selection, so Grok-side context is not split across accounts.
     *
     * @return 32 hex characters, or null when there is no user message with text
     */
    public static String conversationKey(List<ChatMessage> messages) {
        StringBuilder prefix = new StringBuilder();
        for (ChatMessage message : messages) {
            String text = message.text();
            if (text.isEmpty()) {
                continue;
            }
            prefix.append(message.role().wireName())
                    .append('\u0000')
                    .append(text)
                    .append('\u0001');
            if (message.role() == Role.USER) {
                byte[] digest = sha256(prefix.toString());
                return HexFormat.of().formatHex(digest, 0, 16);
            }
        }
        return null;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Flattens the messages; never fails (validation happens earlier). */
    public static FlattenedPrompt flatten(List<ChatMessage> messages) {
        List<Attachment> attachments = new ArrayList<>();
        List<Role> roles = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (ChatMessage message : messages) {
            for (ContentPart part : message.content()) {
                switch (part) {
                    case ContentPart.Image image ->
                        attachments.add(new Attachment(Attachment.Kind.IMAGE, image.url(), null));
                    case ContentPart.Audio audio ->
                        attachments.add(new Attachment(Attachment.Kind.AUDIO, audio.data(), null));
                    case ContentPart.File file ->
                        attachments.add(new Attachment(Attachment.Kind.FILE, file.reference(), file.filename()));
                    case ContentPart.Text ignored -> {}
                }
            }
            String text = message.text();
            if (!text.isEmpty()) {
                roles.add(message.role());
                texts.add(text);
            }
        }
        int lastUser = roles.lastIndexOf(Role.USER);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                out.append("\n\n");
            }
            if (i != lastUser) {
                out.append(roles.get(i).wireName()).append(": ");
            }
            out.append(texts.get(i));
        }
        return new FlattenedPrompt(out.toString(), attachments);
    }
}
