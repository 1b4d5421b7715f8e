package io.kvrotator.notify;

import io.kvrotator.support.SafeErrorText;
import java.util.List;

/**
 * Sends every notice to every channel. A channel that fails is logged and does not stop the others, so a
 * notice is lost only when every channel fails, and then the log still has it.
 */
public final class NoticeDispatcher {

    private static final System.Logger LOG = System.getLogger(NoticeDispatcher.class.getName());

    private final List<Notifier> notifiers;
    private final Notifier lastResort = new LogNotifier();

    public NoticeDispatcher(List<Notifier> notifiers) {
        this.notifiers = List.copyOf(notifiers);
    }

    /** Never throws: a notification problem must not fail a rotation. */
    public void publish(Notice notice) {
        boolean delivered = false;
        for (Notifier notifier : notifiers) {
            try {
                notifier.send(notice);
                delivered = true;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "notice.channel_failed channel=%s object=%s/%s error=%s"
                        .formatted(notifier.channel(), notice.location(), notice.objectName(), SafeErrorText.of(e)));
            }
        }
        if (!delivered && notifiers.stream().noneMatch(n -> n instanceof LogNotifier)) {
            lastResort.send(notice);
        }
    }
}
