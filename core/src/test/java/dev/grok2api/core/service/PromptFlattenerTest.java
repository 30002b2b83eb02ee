package dev.grok2api.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.chat.ChatMessage;
import dev.grok2api.core.chat.ContentPart;
import dev.grok2api.core.chat.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptFlattenerTest {

    @Test
    void should_prefix_every_message_but_the_last_user_one_when_flattening_a_conversation() {
        // given
        List<ChatMessage> messages = List.of(
                ChatMessage.of(Role.SYSTEM, "Be brief"),
                ChatMessage.of(Role.USER, "Hi"),
                ChatMessage.of(Role.ASSISTANT, "Hello!"),
                ChatMessage.of(Role.USER, "What is 2+2?"));

        // when
        FlattenedPrompt prompt = PromptFlattener.flatten(messages);

        // then
        assertThat(prompt.message()).isEqualTo("system: Be brief\n\nuser: Hi\n\nassistant: Hello!\n\nWhat is 2+2?");
        assertThat(prompt.attachments()).isEmpty();
    }

    @Test
    void should_join_text_blocks_with_newlines_and_keep_attachments_of_textless_messages() {
        // given
        List<ChatMessage> messages = List.of(
                new ChatMessage(Role.USER, List.of(new ContentPart.Image("https://example.com/a.png"))),
                new ChatMessage(
                        Role.USER,
                        List.of(
                                new ContentPart.Text("Describe"),
                                new ContentPart.Text("   "),
                                new ContentPart.Text("this picture"),
                                new ContentPart.Audio("UklGRg==", "wav"))));

        // when
        FlattenedPrompt prompt = PromptFlattener.flatten(messages);

        // then
        assertThat(prompt.message()).isEqualTo("Describe\nthis picture");
        assertThat(prompt.attachments())
                .extracting(Attachment::kind)
                .containsExactly(Attachment.Kind.IMAGE, Attachment.Kind.AUDIO);
    }

    @Test
    void should_prefix_all_messages_when_no_user_message_has_text() {
        // when
        FlattenedPrompt prompt = PromptFlattener.flatten(
                List.of(ChatMessage.of(Role.SYSTEM, "You are terse"), ChatMessage.of(Role.ASSISTANT, "Ok")));

        // then
        assertThat(prompt.message()).isEqualTo("system: You are terse\n\nassistant: Ok");
    }

    @Test
    void should_emit_only_the_last_user_message_verbatim_when_several_users_speak() {
        // when
        FlattenedPrompt prompt = PromptFlattener.flatten(List.of(
                ChatMessage.of(Role.USER, "first"),
                ChatMessage.of(Role.DEVELOPER, "rules"),
                ChatMessage.of(Role.USER, "second")));

        // then
        assertThat(prompt.message()).isEqualTo("user: first\n\ndeveloper: rules\n\nsecond");
    }

    @Test
    void should_give_every_turn_of_a_conversation_the_same_key() {
        // given
        List<ChatMessage> first = List.of(ChatMessage.of(Role.SYSTEM, "Be brief"), ChatMessage.of(Role.USER, "Hi"));
        List<ChatMessage> second = List.of(
                ChatMessage.of(Role.SYSTEM, "Be brief"),
                ChatMessage.of(Role.USER, "Hi"),
                ChatMessage.of(Role.ASSISTANT, "Hello!"),
                ChatMessage.of(Role.USER, "And now?"));
        List<ChatMessage> other = List.of(ChatMessage.of(Role.SYSTEM, "Be brief"), ChatMessage.of(Role.USER, "Yo"));

        // when / then
        assertThat(PromptFlattener.conversationKey(first))
                .hasSize(32)
                .isEqualTo(PromptFlattener.conversationKey(second))
                .isNotEqualTo(PromptFlattener.conversationKey(other));
        assertThat(PromptFlattener.conversationKey(List.of(ChatMessage.of(Role.SYSTEM, "only"))))
                .isNull();
    }
}
