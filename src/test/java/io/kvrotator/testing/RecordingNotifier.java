package io.kvrotator.testing;

import io.kvrotator.notify.Notice;
import io.kvrotator.notify.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake {@link Notifier} that keeps what it was sent. */
public final class RecordingNotifier implements Notifier {

    private final List<Notice> sent = new CopyOnWriteArrayList<>();

    @Override
    public String channel() {
        return "recording";
    }

    @Override
    public void send(Notice notice) {
        sent.add(notice);
    }

    public List<Notice> sent() {
        return List.copyOf(sent);
    }
}
