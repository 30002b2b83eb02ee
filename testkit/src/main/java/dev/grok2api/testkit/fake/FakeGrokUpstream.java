package dev.grok2api.testkit.fake;

import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.upstream.ConversationRequest;
import dev.grok2api.core.upstream.GrokEvent;
import dev.grok2api.core.upstream.GrokEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A scripted {@link GrokUpstream} for unit tests of services: each chat call plays the next script (events, then
 * optionally an exception), or the script registered for the calling account. Every call is recorded. Thread-safe.
 */
public final class FakeGrokUpstream implements GrokUpstream {

    /** One recorded chat call. */
    public record Call(ConversationRequest request, SsoCredential credential) {}

    /** What a chat call does. */
    public record Script(List<GrokEvent> events, Supplier<? extends RuntimeException> failure) {
        public Script {
            events = List.copyOf(events);
        }

        /** Emits the events and ends normally. */
        public static Script events(GrokEvent... events) {
            return new Script(List.of(events), null);
        }

        /** Emits the events, then throws. */
        public static Script eventsThenFail(Supplier<? extends RuntimeException> failure, GrokEvent... events) {
            return new Script(List.of(events), failure);
        }

        /** Throws at once. */
        public static Script fail(Supplier<? extends RuntimeException> failure) {
            return new Script(List.of(), failure);
        }

        /** A plain answer: answer tokens and the final response. */
        public static Script answer(String... pieces) {
            List<GrokEvent> events = new ArrayList<>();
            for (String piece : pieces) {
                events.add(new GrokEvent.Token(piece, false, "final", "resp-1"));
            }
            events.add(new GrokEvent.FinalResponse("resp-1", String.join("", pieces), List.of(), "hash-1", null));
            return new Script(events, null);
        }
    }

    private final ConcurrentLinkedDeque<Script> queue = new ConcurrentLinkedDeque<>();
    private final Map<String, Script> perAccount = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /** Queues a script for the next call that has no per-account script. */
    public FakeGrokUpstream enqueue(Script script) {
        queue.addLast(script);
        return this;
    }

    /** Plays {@code script} for every call made as {@code sso}. */
    public FakeGrokUpstream forAccount(String sso, Script script) {
        perAccount.put(sso, script);
        return this;
    }

    /** Every chat call so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void chat(ConversationRequest request, SsoCredential credential, GrokEventSink sink) {
        calls.add(new Call(request, credential));
        Script script = perAccount.get(credential.sso());
        if (script == null) {
            script = queue.pollFirst();
        }
        if (script == null) {
            throw new AssertionError("FakeGrokUpstream: no script for chat call as " + credential);
        }
        for (GrokEvent event : script.events()) {
            sink.accept(event);
        }
        if (script.failure() != null) {
            throw script.failure().get();
        }
    }
}
