package dev.grok2api.core.service;

import dev.grok2api.core.chat.ChatMessage;
import dev.grok2api.core.chat.ContentPart;
import dev.grok2api.core.chat.Role;
import java.util.ArrayList;
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
