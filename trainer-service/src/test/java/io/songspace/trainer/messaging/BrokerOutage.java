package io.songspace.trainer.messaging;

import io.smallrye.reactive.messaging.OutgoingInterceptor;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A broker that refuses the records of chosen runs on every outgoing channel: the in-memory sink still receives
 * them, but acknowledging one nacks it, as a Kafka producer does when the broker does not take the record.
 */
@ApplicationScoped
public class BrokerOutage implements OutgoingInterceptor {

    private final Set<String> refusedRuns = ConcurrentHashMap.newKeySet();

    public void refuse(String runId) {
        refusedRuns.add(runId);
    }

    public void restore(String runId) {
        refusedRuns.remove(runId);
    }

    @Override
    public Message<?> onMessage(Message<?> message) {
        Object key = message.getMetadata(OutgoingKafkaRecordMetadata.class).map(OutgoingKafkaRecordMetadata::getKey)
                .orElse(null);
        if (!refusedRuns.contains(key)) {
            return message;
        }
        return message.withAckWithMetadata(metadata -> message.nack(
                new IllegalStateException("broker refused the record of run " + key), metadata));
    }

    @Override
    public void onMessageAck(Message<?> message) {
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
    }
}
