package io.kvrotator.notify;

import java.lang.System.Logger.Level;
import java.util.List;

/** Writes every message to the log: the audit trail of what kv-rotator told people, and the last resort. */
public final class LogNotifier implements Notifier {

    private static final System.Logger LOG = System.getLogger(LogNotifier.class.getName());

    @Override
    public String channel() {
        return "log";
    }

    /** Logs the message; a log line is the same whichever channels failed. */
    @Override
    public void send(Message message, List<String> failedChannels) {
        Level level = switch (message.severity()) {
            case INFO -> Level.INFO;
            case WARNING -> Level.WARNING;
            case ERROR -> Level.ERROR;
        };
        if (message instanceof Notice notice) {
            LOG.log(level, () -> "notice kind=%s severity=%s location=%s object=%s objectKind=%s expiresOn=%s owners=%s summary=\"%s\" detail=\"%s\""
                    .formatted(notice.kind(), notice.severity(), notice.location(), notice.objectName(),
                            notice.objectKind(), notice.expiresOn(), notice.owners(), notice.summary(),
                            notice.detail()));
        } else {
            LOG.log(level, () -> message.describe() + " owners=" + message.owners());
        }
    }
}
