package io.kvrotator.notify;

import java.lang.System.Logger.Level;

/** Writes notices to the log: the channel of last resort, and the only one until others are configured. */
public final class LogNotifier implements Notifier {

    private static final System.Logger LOG = System.getLogger(LogNotifier.class.getName());

    @Override
    public String channel() {
        return "log";
    }

    @Override
    public void send(Notice notice) {
        Level level = switch (notice.severity()) {
            case INFO -> Level.INFO;
            case WARNING -> Level.WARNING;
            case ERROR -> Level.ERROR;
        };
        LOG.log(level, () -> "notice kind=%s severity=%s location=%s object=%s objectKind=%s expiresOn=%s owners=%s summary=\"%s\" detail=\"%s\""
                .formatted(notice.kind(), notice.severity(), notice.location(), notice.objectName(),
                        notice.objectKind(), notice.expiresOn(), notice.owners(), notice.summary(), notice.detail()));
    }
}
