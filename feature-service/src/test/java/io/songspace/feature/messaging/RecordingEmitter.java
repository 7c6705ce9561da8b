package io.songspace.feature.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Message;

/** An emitter that keeps what it was given; after {@code accepted} messages the "broker" refuses every further one. */
final class RecordingEmitter<T> implements MutinyEmitter<T> {

    private final int accepted;
    final List<T> sent = new CopyOnWriteArrayList<>();

    RecordingEmitter(int accepted) {
        this.accepted = accepted;
    }

    @Override
    public <M extends Message<? extends T>> Uni<Void> sendMessage(M message) {
        if (sent.size() >= accepted) {
            return Uni.createFrom().failure(new IllegalStateException("broker refused the record"));
        }
        sent.add(message.getPayload());
        return Uni.createFrom().voidItem();
    }

    @Override
    public <M extends Message<? extends T>> void sendMessageAndAwait(M message) {
        sendMessage(message).await().indefinitely();
    }

    @Override
    public Uni<Void> send(T payload) {
        return sendMessage(Message.of(payload));
    }

    @Override
    public void sendAndAwait(T payload) {
        sendMessageAndAwait(Message.of(payload));
    }

    @Override
    public Cancellable sendAndForget(T payload) {
        return send(payload).subscribe().with(ok -> { }, failure -> { });
    }

    @Override
    public <M extends Message<? extends T>> void send(M message) {
        sendMessageAndAwait(message);
    }

    @Override
    public <M extends Message<? extends T>> Cancellable sendMessageAndForget(M message) {
        return sendMessage(message).subscribe().with(ok -> { }, failure -> { });
    }

    @Override
    public void complete() {
    }

    @Override
    public void error(Exception e) {
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean hasRequests() {
        return true;
    }
}
