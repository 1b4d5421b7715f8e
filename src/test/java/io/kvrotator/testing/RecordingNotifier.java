package io.kvrotator.testing;

import io.kvrotator.notify.Digest;
import io.kvrotator.notify.Message;
import io.kvrotator.notify.Notice;
import io.kvrotator.notify.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake {@link Notifier} that keeps what it was sent. */
public final class RecordingNotifier implements Notifier {

    private final List<Message> sent = new CopyOnWriteArrayList<>();

    @Override
    public String channel() {
        return "recording";
    }

    @Override
    public void send(Message message, List<String> failedChannels) {
        sent.add(message);
    }

    /** The notices, in the order sent. */
    public List<Notice> sent() {
        return sent.stream().filter(Notice.class::isInstance).map(Notice.class::cast).toList();
    }

    public List<Digest> digests() {
        return sent.stream().filter(Digest.class::isInstance).map(Digest.class::cast).toList();
    }
}
